/**
 * Runs the CLI in this process and reports its peak resident set size on exit, for
 * machines without GNU time (`/usr/bin/time -v`). Usage is that of bin/zb-scrape.js:
 *
 *   node bench/measure-rss.mjs fetch --feed … --out …
 *
 * The last line on stderr is `zb-bench-max-rss-kb <kilobytes>`.
 */
import { main } from '../dist/cli/main.js'; // what bin/zb-scrape.js runs

process.on('exit', () => {
  // resourceUsage().maxRSS is in kilobytes (getrusage ru_maxrss on Linux).
  process.stderr.write(`\nzb-bench-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});

await main();
