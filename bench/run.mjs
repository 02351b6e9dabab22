/**
 * zb-scrape benchmarks: `npm run bench` (builds first). Everything is local: the only
 * HTTP server is node:http on 127.0.0.1, started here, and every child run is bounded by
 * a request budget and a timeout.
 *
 *   node bench/run.mjs                 all benchmarks
 *   node bench/run.mjs extract noop    only these (extract, startup, latency, noop, memory)
 *
 * Prints a table and writes bench/results.json.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchExtract } from './extract.mjs';
import { benchFetchLatencyRepeated } from './fetch-latency.mjs';
import { ROOT, gitState, machineInfo, nowMs, round } from './lib.mjs';
import { benchMemoryRepeated } from './memory.mjs';
import { benchNoop } from './noop.mjs';
import { benchStartup } from './startup.mjs';

const TARGETS = {
  extractRatio: 2,
  pacingRatio: 1.1,
  noopWallMs: 1000,
  noopArticleRequests: 0,
  peakRssMB: 250,
  /** Start-up within this many times `node -e 0`'s. */
  startupRatio: 1.5,
};

const ALL = ['startup', 'extract', 'latency', 'noop', 'memory'];
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

const extract = await step('extract', async () => {
  const result = await benchExtract({ targetMs: 2000 });
  // Diagnostic, no target: the same pages in a real page's chrome (navigation, a hydration
  // script, a related block), which the reference pipeline has to score and the extractors skip.
  result.withSiteChrome = await benchExtract({ targetMs: 1000, siteChrome: true });
  return result;
});
if (extract) {
  rows.push({ benchmark: 'extract+render: zb-scrape', measured: `${Math.round(extract.zbScrape.pagesPerSecond)} pages/s`, target: '', pass: undefined });
  rows.push({ benchmark: 'extract+render: readability+turndown', measured: `${Math.round(extract.reference.pagesPerSecond)} pages/s`, target: '', pass: undefined });
  if (extract.failures.length) {
    rows.push({ benchmark: 'extract+render: pages left out (threw)', measured: extract.failures.map((failure) => failure.page).join(', '), target: '0', pass: false });
  }
  rows.push({ benchmark: 'extract+render: ratio zb/reference', measured: `${round(extract.ratio, 2)}×`, target: `≥ ${TARGETS.extractRatio}×`, pass: extract.ratio >= TARGETS.extractRatio });
  const chrome = extract.withSiteChrome;
  const kb = Math.round(chrome.corpusBytes / chrome.pages.length / 1024);
  const leftOut = chrome.failures.length ? `, ${chrome.failures.length} pages left out` : '';
  const changed = chrome.changedByChrome.length ? `, ${chrome.changedByChrome.length} posts changed by it` : ', posts unchanged';
  rows.push({ benchmark: `extract+render, pages in site chrome (~${kb} KB): ratio`, measured: `${round(chrome.ratio, 2)}× (${Math.round(chrome.zbScrape.pagesPerSecond)} against ${Math.round(chrome.reference.pagesPerSecond)} pages/s${leftOut}${changed})`, target: '(diagnostic)', pass: undefined });
}

const latency = await step('latency', () => benchFetchLatencyRepeated({ runs: 3 }));
if (latency) {
  rows.push({ benchmark: `default settings, far site: 40 articles, 200 ms (median of ${latency.runs})`, measured: `${fmtMs(latency.wallMs)} (${latency.wallMsEach.map(fmtMs).join(', ')})`, target: `pacing floor ${fmtMs(latency.floorMs)}`, pass: undefined });
  rows.push({ benchmark: 'default settings, far site: wall / pacing floor', measured: `${round(latency.ratio, 2)}`, target: `≤ ${TARGETS.pacingRatio}`, pass: latency.ratio <= TARGETS.pacingRatio });
}

const noop = await step('noop', async () => ({ byId: await benchNoop(), byTitle: await benchNoop({ names: 'title' }) }));
if (noop) {
  for (const [label, run] of [['named by story id', noop.byId], ['named by title', noop.byTitle]]) {
    rows.push({ benchmark: `no-op run over 50,000 posts ${label}: wall`, measured: fmtMs(run.wallMs), target: `< ${fmtMs(TARGETS.noopWallMs)}`, pass: run.wallMs < TARGETS.noopWallMs });
    rows.push({ benchmark: `no-op run, posts ${label}: article requests`, measured: String(run.articleRequests), target: String(TARGETS.noopArticleRequests), pass: run.articleRequests === TARGETS.noopArticleRequests });
  }
}

// ~60 KB pages: memory depends on what is parsed, and the site's pages are that large or larger.
const memory = await step('memory', () => benchMemoryRepeated({ runs: 3, padding: true }));
if (memory) {
  rows.push({
    benchmark: `5,000-article run: peak RSS (median of ${memory.runs})`,
    measured: `${round(memory.peakRssMB, 1)} MB (${Math.round(memory.minPeakRssMB)}–${Math.round(memory.maxPeakRssMB)})`,
    target: `< ${TARGETS.peakRssMB} MB`,
    pass: memory.peakRssMB < TARGETS.peakRssMB,
  });
  rows.push({ benchmark: '5,000-article run: wall', measured: fmtMs(memory.wallMs), target: '', pass: undefined });
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
