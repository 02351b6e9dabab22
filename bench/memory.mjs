/**
 * Benchmark 4: peak memory of a large run. 5,000 articles from a local server with no
 * delay, so that nothing but the CLI's own retention (pages, parsed documents, the run
 * summary) decides how much memory the run takes.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BIN, FEED_CONTENT_TYPE, ROOT, STATE_FILE, astroPage, isArticleRequest, parseSummary, removeDir, run, rssFeed, startServer, stories, tempDir } from './lib.mjs';

const GNU_TIME = '/usr/bin/time';

async function hasGnuTime() {
  // ZB_BENCH_NO_GNU_TIME=1 forces the in-process fallback (to check it on machines that have GNU time).
  if (process.env.ZB_BENCH_NO_GNU_TIME || !existsSync(GNU_TIME)) return false;
  try {
    const probe = await run(GNU_TIME, ['-v', process.execPath, '-e', '0'], { timeoutMs: 10_000 });
    return /Maximum resident set size/.test(probe.stderr);
  } catch {
    return false;
  }
}

export async function benchMemory({ articles = 5000, concurrency = 8, padding = true } = {}) {
  const list = stories(articles, { firstId: 9_900_000 });
  const feed = rssFeed(list);
  const byPath = new Map(list.map((story) => [story.path, story]));
  // Pages are generated per request, so the server holds no 5,000 pages of its own.
  const server = await startServer(
    (path) => {
      if (path === '/feed.xml') return { body: feed, contentType: FEED_CONTENT_TYPE };
      const story = byPath.get(path.split('?')[0]);
      return story ? { body: astroPage(story, { padding }) } : undefined;
    },
    { maxRequests: articles * 2 + 10 },
  );
  const out = await tempDir('memory');
  const cliArgs = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', join(out, STATE_FILE), '--concurrency', String(concurrency), '--json', '--quiet'];
  try {
    const gnuTime = await hasGnuTime();
    const result = gnuTime
      ? await run(GNU_TIME, ['-v', process.execPath, BIN, ...cliArgs], { timeoutMs: 240_000 })
      : await run(process.execPath, [join(ROOT, 'bench', 'measure-rss.mjs'), ...cliArgs], { timeoutMs: 240_000 });
    const kb = gnuTime
      ? Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(result.stderr)?.[1])
      : Number(/zb-bench-max-rss-kb (\d+)/.exec(result.stderr)?.[1]);
    const summary = parseSummary(result);
    const files = (await readdir(out)).filter((name) => name.endsWith('.md')).length;
    if (result.code !== 0 || summary.written !== articles || files !== articles || !Number.isFinite(kb)) {
      throw new Error(`5,000-article run failed (exit ${result.code}, written ${summary.written}, files ${files}):\n${result.stderr.slice(-2000)}`);
    }
    return {
      articles,
      concurrency,
      padding,
      method: gnuTime ? '/usr/bin/time -v' : 'bench/measure-rss.mjs (process.resourceUsage().maxRSS)',
      peakRssMB: kb / 1024,
      wallMs: result.wallMs,
      runDurationMs: summary.durationMs,
      articlesPerSecond: (articles * 1000) / result.wallMs,
      articleRequests: server.requests.filter(isArticleRequest).length,
      pageBytes: Buffer.byteLength(astroPage(list[0], { padding })),
    };
  } finally {
    await server.close();
    await removeDir(out);
  }
}

/** Peak RSS varies from run to run (GC timing): the median of `runs` runs, with every run kept. */
export async function benchMemoryRepeated({ runs = 3, ...options } = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await benchMemory(options));
  const sorted = [...all].sort((a, b) => a.peakRssMB - b.peakRssMB);
  const middle = sorted[Math.floor(sorted.length / 2)];
  return {
    ...middle,
    runs: all.length,
    peakRssMBEach: all.map((run) => run.peakRssMB),
    wallMsEach: all.map((run) => run.wallMs),
    minPeakRssMB: sorted[0].peakRssMB,
    maxPeakRssMB: sorted[sorted.length - 1].peakRssMB,
  };
}
