/**
 * Benchmark 5: start-up time, beside `node -e 0`. `--help` and `--version` load only the
 * command-line layer (heavy modules are imported by the command that runs), so this is what
 * every cron invocation pays before doing anything.
 */
import { median, nowMs, run, runCli } from './lib.mjs';

export async function timeCommand(args, runs) {
  const samples = [];
  // One untimed run first: the OS file cache, not the CLI, would dominate it.
  await runCli(args, { timeoutMs: 20_000 });
  for (let i = 0; i < runs; i++) {
    const result = await runCli(args, { timeoutMs: 20_000 });
    if (result.code !== 0) throw new Error(`zb-scrape ${args.join(' ')} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
    samples.push(result.wallMs);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs, samples };
}

/** Node itself starting and doing nothing: the reference start-up is measured against. */
async function timeNodeAlone(runs) {
  const samples = [];
  await run(process.execPath, ['-e', '0']);
  for (let i = 0; i < runs; i++) {
    const started = nowMs();
    await run(process.execPath, ['-e', '0']);
    samples.push(nowMs() - started);
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs, samples };
}

export async function benchStartup({ runs = 15 } = {}) {
  return {
    node: await timeNodeAlone(runs),
    help: await timeCommand(['--help'], runs),
    version: await timeCommand(['--version'], runs),
  };
}
