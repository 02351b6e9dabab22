/**
 * Side by side: the latency benchmark's run (fetch-latency.mjs: default settings, a far-away
 * site, paced by the default --delay) with this build and with another checkout's build,
 * alternating, so that both see the same machine. To check that a change costs users nothing
 * at the defaults:
 *
 *   git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci)
 *   npm run build && node bench/compare-builds.mjs /tmp/before [runs]
 */
import { join } from 'node:path';
import { benchFetchLatency } from './fetch-latency.mjs';
import { BIN, median, round } from './lib.mjs';

const other = process.argv[2];
const runs = Number(process.argv[3] ?? 5);
if (!other) {
  process.stderr.write('usage: node bench/compare-builds.mjs <other checkout> [runs]\n');
  process.exit(2);
}
const builds = { this: BIN, other: join(other, 'bin', 'zb-scrape.js') };
const walls = { this: [], other: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, bin] of Object.entries(builds)) walls[name].push((await benchFetchLatency({ bin })).wallMs);
}
for (const [name, samples] of Object.entries(walls)) {
  process.stdout.write(`${name.padEnd(5)} median ${round(median(samples))} ms; runs ${samples.map((ms) => round(ms)).join(' ')}\n`);
}
