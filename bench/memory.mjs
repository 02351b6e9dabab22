/**
 * Peak memory of a large run: 5,000 articles of ~100 KB (zaobao.com pages of real size, see
 * corpus.mjs) from a local server with no delay, so that nothing but the CLI's own retention
 * (pages, parsed documents, the run summary) decides how much memory the run takes; and the
 * same for 1,000, to show that memory stays flat as a backfill grows.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BODY_CHARS, storyPage } from './corpus.mjs';
import { BIN, FEED_CONTENT_TYPE, ROOT, STATE_FILE, isArticleRequest, parseSummary, removeDir, run, rssFeed, startServer, stories, tempDir } from './lib.mjs';

const TEMPLATE_ID = '1234567';
const TEMPLATE_DAY = '2025-01-01';
const PAGE_BYTES = 100 * 1024;

/**
 * Page templates of both zaobao.com generations, each a different story, brought to ~100 KB
 * by one more script (as the site's pages carry); a story's page is a template with its id
 * and day put in, so the server holds no 5,000 pages of its own.
 */
function pageTemplates() {
  return ['cn-classic', 'cn-astro'].flatMap((generation) =>
    BODY_CHARS.map((bodyChars, i) => {
      const { html } = storyPage(generation, { id: Number(TEMPLATE_ID), day: TEMPLATE_DAY, bodyChars, seed: 77 + i });
      const padding = Math.max(0, PAGE_BYTES - Buffer.byteLength(html));
      return html.replace('</body>', `<script>window.__zbPad="${'x'.repeat(padding)}";</script></body>`);
    }),
  );
}

function pageOf(templates, story) {
  const template = templates[story.index % templates.length];
  return template.replaceAll(TEMPLATE_ID, story.id).replaceAll(TEMPLATE_DAY, story.day).replaceAll(TEMPLATE_DAY.replaceAll('-', ''), story.day.replaceAll('-', ''));
}

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

export async function benchMemory({ articles = 5000, concurrency = 8 } = {}) {
  const list = stories(articles, { firstId: 9_900_000 });
  const feed = rssFeed(list);
  const byPath = new Map(list.map((story) => [story.path, story]));
  const templates = pageTemplates();
  const server = await startServer(
    (path) => {
      if (path === '/feed.xml') return { body: feed, contentType: FEED_CONTENT_TYPE };
      const story = byPath.get(path.split('?')[0]);
      return story ? { body: pageOf(templates, story) } : undefined;
    },
    { maxRequests: articles * 2 + 10 },
  );
  const out = await tempDir('memory');
  const cliArgs = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', join(out, STATE_FILE), '--concurrency', String(concurrency), '--json', '--quiet'];
  try {
    const gnuTime = await hasGnuTime();
    const heapAfterGc = ['--import', pathToFileURL(join(ROOT, 'bench', 'heap-after-gc.mjs')).href];
    const result = gnuTime
      ? await run(GNU_TIME, ['-v', process.execPath, ...heapAfterGc, BIN, ...cliArgs], { timeoutMs: 240_000 })
      : await run(process.execPath, [...heapAfterGc, join(ROOT, 'bench', 'measure-rss.mjs'), ...cliArgs], { timeoutMs: 240_000 });
    const kb = gnuTime
      ? Number(/Maximum resident set size \(kbytes\):\s*(\d+)/.exec(result.stderr)?.[1])
      : Number(/zb-bench-max-rss-kb (\d+)/.exec(result.stderr)?.[1]);
    const summary = parseSummary(result);
    const files = (await readdir(out)).filter((name) => name.endsWith('.md')).length;
    if (result.code !== 0 || summary.written !== articles || files !== articles || !Number.isFinite(kb)) {
      throw new Error(`${articles}-article run failed (exit ${result.code}, written ${summary.written}, files ${files}):\n${result.stderr.slice(-2000)}`);
    }
    return {
      articles,
      concurrency,
      method: gnuTime ? '/usr/bin/time -v' : 'bench/measure-rss.mjs (process.resourceUsage().maxRSS)',
      peakRssMB: kb / 1024,
      heapAfterGcMB: Number(/zb-bench-heap-after-gc-kb (\d+)/.exec(result.stderr)?.[1]) / 1024,
      wallMs: result.wallMs,
      runDurationMs: summary.durationMs,
      articlesPerSecond: (articles * 1000) / result.wallMs,
      articleRequests: server.requests.filter(isArticleRequest).length,
      pageBytes: Buffer.byteLength(pageOf(templates, list[0])),
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
