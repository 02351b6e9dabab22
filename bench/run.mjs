/**
 * zb-scrape benchmarks: `npm run bench` (builds first). Everything is local: the only HTTP
 * server is node:http on this machine, started here, and every child run is bounded by a
 * request budget and a timeout.
 *
 *   node bench/run.mjs                 all benchmarks
 *   node bench/run.mjs extract noop    only these (startup, extract, e2e, latency, noop, memory)
 *
 * Prints a table and writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchEndToEnd } from './end-to-end.mjs';
import { benchExtract } from './extract.mjs';
import { benchFetchLatencyRepeated } from './fetch-latency.mjs';
import { ROOT, gitState, machineInfo, nowMs, round } from './lib.mjs';
import { benchMemoryRepeated } from './memory.mjs';
import { benchNoop } from './noop.mjs';
import { benchStartup } from './startup.mjs';

const TARGETS = {
  /** Start-up within this many times `node -e 0`'s. */
  startupRatio: 1.5,
  /** Extraction + conversion, on every generation's real-size pages, against the reference's pages/s. */
  extractRatio: 3,
  /** End to end at --delay 0, against the reference pipeline's articles/s. */
  endToEndRatio: 3,
  pacingRatio: 1.1,
  noopMs: { 50000: 1000, 200000: 2000 },
  peakRssMB: 200,
  /** Peak memory of 5,000 articles against 1,000's. */
  memoryGrowth: 1.1,
};

const ALL = ['startup', 'extract', 'e2e', 'latency', 'noop', 'memory'];
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !ALL.includes(name));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${ALL.join(', ')}\n`);
  process.exit(2);
}
const selected = new Set(requested.length ? requested : ALL);

const results = { date: new Date().toISOString(), git: gitState(), machine: machineInfo(), targets: TARGETS, benchmarks: {}, errors: {} };
const rows = [];
const started = nowMs();

const log = (message) => process.stderr.write(`[bench ${round((nowMs() - started) / 1000, 1)} s] ${message}\n`);
const fmtMs = (ms) => (ms >= 1000 ? `${round(ms / 1000, 2)} s` : `${Math.round(ms)} ms`);
const spread = (values) => `${fmtMs(Math.min(...values))}–${fmtMs(Math.max(...values))}`;

async function step(name, fn) {
  if (!selected.has(name)) return undefined;
  log(`${name}…`);
  try {
    const result = await fn();
    results.benchmarks[name] = result;
    return result;
  } catch (error) {
    results.errors[name] = String(error?.stack ?? error);
    rows.push({ benchmark: name, measured: 'ERROR', target: '', pass: false });
    log(`${name} failed: ${error?.message ?? error}`);
    return undefined;
  }
}

const startup = await step('startup', () => benchStartup({ runs: 15 }));
if (startup) {
  const limit = startup.node.medianMs * TARGETS.startupRatio;
  rows.push({ benchmark: 'start-up: node -e 0 (median of 15)', measured: fmtMs(startup.node.medianMs), target: '(reference)', pass: undefined });
  rows.push({ benchmark: 'start-up: --help (median of 15)', measured: fmtMs(startup.help.medianMs), target: `≤ ${TARGETS.startupRatio}× node (${fmtMs(limit)})`, pass: startup.help.medianMs <= limit });
  rows.push({ benchmark: 'start-up: --version (median of 15)', measured: fmtMs(startup.version.medianMs), target: `≤ ${TARGETS.startupRatio}× node (${fmtMs(limit)})`, pass: startup.version.medianMs <= limit });
}

const extract = await step('extract', () => benchExtract());
if (extract) {
  for (const generation of extract.generations) {
    rows.push({
      benchmark: `extract+render, ${generation.generation} (${generation.pages} pages, ${generation.kB[0]}–${generation.kB[1]} KB)`,
      measured: `${round(generation.ratio, 2)}× (rounds ${round(Math.min(...generation.roundRatios), 2)}–${round(Math.max(...generation.roundRatios), 2)}; ${Math.round(generation.zbPagesPerSecond)} against ${Math.round(generation.referencePagesPerSecond)} pages/s)`,
      target: `≥ ${TARGETS.extractRatio}×`,
      pass: generation.ratio >= TARGETS.extractRatio,
    });
    const { slowest } = generation;
    rows.push({ benchmark: `  its slowest page against the reference: ${slowest.name}`, measured: `${round(slowest.ratio, 2)}× (${round(slowest.zbMs, 2)} against ${round(slowest.referenceMs, 2)} ms)`, target: '', pass: undefined });
  }
}

const e2e = await step('e2e', () => benchEndToEnd());
if (e2e) {
  rows.push({
    benchmark: `end to end, --delay 0, concurrency ${e2e.concurrency}: ${e2e.articles} real-size articles (median of ${e2e.runs})`,
    measured: `${round(e2e.ratio, 2)}× (${Math.round(e2e.zbScrape.articlesPerSecond)} against ${Math.round(e2e.reference.articlesPerSecond)} articles/s; ${spread(e2e.zbScrape.wallMsEach)} against ${spread(e2e.reference.wallMsEach)})`,
    target: `≥ ${TARGETS.endToEndRatio}×`,
    pass: e2e.ratio >= TARGETS.endToEndRatio,
  });
}

const latency = await step('latency', async () => ({ far: await benchFetchLatencyRepeated({ runs: 3 }), loopback: await benchFetchLatencyRepeated({ runs: 3, host: '127.0.0.1' }) }));
if (latency) {
  const { far, loopback } = latency;
  rows.push({ benchmark: `default settings, far site (${far.host}): 40 articles, 200 ms (median of ${far.runs})`, measured: `${fmtMs(far.wallMs)} (${far.wallMsEach.map(fmtMs).join(', ')})`, target: `pacing floor ${fmtMs(far.floorMs)}`, pass: undefined });
  rows.push({ benchmark: 'default settings, far site: wall / pacing floor', measured: `${round(far.ratio, 2)}`, target: `≤ ${TARGETS.pacingRatio}`, pass: far.ratio <= TARGETS.pacingRatio });
  rows.push({ benchmark: 'same, on 127.0.0.1 (not paced): wall / N·L/C', measured: `${round(loopback.ratio, 2)} (${fmtMs(loopback.wallMs)} against ${fmtMs(loopback.floorMs)})`, target: '(diagnostic)', pass: undefined });
}

const noop = await step('noop', async () => {
  const runs = [];
  for (const naming of ['id', 'title', 'other']) runs.push(await benchNoop({ existing: 50_000, naming }));
  for (const naming of ['id', 'other']) runs.push(await benchNoop({ existing: 200_000, naming }));
  return runs;
});
if (noop) {
  const labels = { id: 'named by story id', title: 'named by title (--slug title)', other: "another tool's names, a from: line" };
  for (const run of noop) {
    const limit = TARGETS.noopMs[run.existingPosts];
    rows.push({
      benchmark: `no-op run over ${run.existingPosts.toLocaleString('en')} posts ${labels[run.naming]}`,
      measured: `${fmtMs(run.wallMs)}, ${run.articleRequests} article requests`,
      target: `< ${fmtMs(limit)}, 0`,
      pass: run.wallMs < limit && run.articleRequests === 0,
    });
  }
}

const memory = await step('memory', async () => ({ large: await benchMemoryRepeated({ runs: 3, articles: 5000 }), small: await benchMemoryRepeated({ runs: 3, articles: 1000 }) }));
if (memory) {
  const { large, small } = memory;
  const kb = Math.round(large.pageBytes / 1024);
  rows.push({ benchmark: `5,000 articles of ${kb} KB: peak RSS (median of ${large.runs})`, measured: `${round(large.peakRssMB, 1)} MB (${Math.round(large.minPeakRssMB)}–${Math.round(large.maxPeakRssMB)})`, target: `< ${TARGETS.peakRssMB} MB`, pass: large.peakRssMB < TARGETS.peakRssMB });
  rows.push({ benchmark: `1,000 articles of ${kb} KB: peak RSS (median of ${small.runs})`, measured: `${round(small.peakRssMB, 1)} MB (${Math.round(small.minPeakRssMB)}–${Math.round(small.maxPeakRssMB)})`, target: '', pass: undefined });
  const growth = large.peakRssMB / small.peakRssMB;
  rows.push({ benchmark: 'peak RSS, 5,000 against 1,000 articles', measured: `${round(growth, 2)}×`, target: `≤ ${TARGETS.memoryGrowth}×`, pass: growth <= TARGETS.memoryGrowth });
  rows.push({
    benchmark: 'heap kept after full collections, 5,000 / 1,000 articles (diagnostic)',
    measured: `${round(large.heapAfterGcMB, 1)} MB / ${round(small.heapAfterGcMB, 1)} MB`,
    target: '',
    pass: undefined,
  });
  rows.push({ benchmark: '5,000 articles: wall', measured: `${fmtMs(large.wallMs)} (${Math.round(large.articlesPerSecond)} articles/s)`, target: '', pass: undefined });
}

results.totalMs = nowMs() - started;
results.table = rows;
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const headers = ['benchmark', 'measured', 'target', 'result'];
const cells = rows.map((row) => [row.benchmark, row.measured, row.target, row.pass === undefined ? '' : row.pass ? 'pass' : 'FAIL']);
const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((cell) => cell[i].length)));
const line = (values) => `| ${values.map((value, i) => value.padEnd(widths[i])).join(' | ')} |`;
const machine = results.machine;
process.stdout.write(
  [
    '',
    `zb-scrape benchmarks — ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryMB} MB, Node ${machine.node}`,
    '',
    line(headers),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...cells.map(line),
    '',
    `total ${fmtMs(results.totalMs)}; numbers in bench/results.json`,
    '',
  ].join('\n'),
);
const failed = rows.some((row) => row.pass === false);
if (Object.keys(results.errors).length) process.stderr.write(`errors: ${Object.keys(results.errors).join(', ')} (see bench/results.json)\n`);
// Missed targets are findings, not crashes: only a benchmark that could not run fails the command.
process.exitCode = Object.keys(results.errors).length ? 1 : 0;
if (failed) process.stderr.write('some targets were missed (FAIL rows above)\n');
