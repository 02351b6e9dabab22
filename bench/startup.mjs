/**
 * Benchmark 5: start-up time, beside `node -e 0`. `--help` and `--version` load only the
 * command-line layer (heavy modules are imported by the command that runs), so this is what
 * every cron invocation pays before doing anything. The three are timed in turn, round after
 * round, so that each sees the machine as the others do.
 */
import { BIN, median, run } from './lib.mjs';

const COMMANDS = { node: ['-e', '0'], help: [BIN, '--help'], version: [BIN, '--version'] };

const stats = (samples) => ({ medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs: samples.length, samples });

export async function benchStartup({ runs = 15 } = {}) {
  const samples = { node: [], help: [], version: [] };
  // One untimed round first: the OS file cache, not the CLI, would dominate it.
  for (let round = -1; round < runs; round++) {
    for (const [name, args] of Object.entries(COMMANDS)) {
      const result = await run(process.execPath, args, { timeoutMs: 20_000 });
      if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
      if (round >= 0) samples[name].push(result.wallMs);
    }
  }
  return { node: stats(samples.node), help: stats(samples.help), version: stats(samples.version) };
}
