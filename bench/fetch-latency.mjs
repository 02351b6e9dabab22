/**
 * A run at the settings users run, against a site that is not on this machine's loopback: the
 * local server is bound to this machine's network address, so zb-scrape paces it by the default
 * --delay as it paces the real site. Every answer waits 200 ms. The floor is the pacing itself:
 * the requests start at least --delay apart, and the last one takes its 200 ms; the SPEC asks
 * for at most 1.1 × that. A diagnostic run against 127.0.0.1 (not paced) is set beside the ideal
 * of N·L/C, requests × latency / concurrency.
 */
import { readdir } from 'node:fs/promises';
import { storyPage } from './corpus.mjs';
import { FEED_CONTENT_TYPE, isArticleRequest, median, networkAddress, parseSummary, removeDir, round, rssFeed, runCli, startServer, stories, tempDir } from './lib.mjs';

const DEFAULT_DELAY_MS = 100;
const DEFAULT_CONCURRENCY = 4;

/** `host`: where the server listens; this machine's network address by default, 127.0.0.1 for the unpaced diagnostic. */
export async function benchFetchLatency({ articles = 40, latencyMs = 200, bin, host = networkAddress() } = {}) {
  if (!host) throw new Error('this machine has no network address to serve the far site on');
  const list = stories(articles, { firstId: 9_710_000 });
  const feed = rssFeed(list);
  // zaobao.com pages of real size (~80 KB), one per story.
  const pages = new Map(list.map((story) => [story.path, storyPage('cn-classic', { id: Number(story.id), day: story.day, bodyChars: 1500 }).html]));
  const server = await startServer(
    (path) => {
      if (path === '/feed.xml') return { body: feed, contentType: FEED_CONTENT_TYPE };
      const page = pages.get(path.split('?')[0]);
      return page ? { body: page } : undefined;
    },
    { delayMs: latencyMs, maxRequests: articles * 4 + 10, host },
  );
  const out = await tempDir('latency');
  try {
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--no-state', '--json', '--quiet'];
    const result = await runCli(args, { timeoutMs: 120_000, ...(bin ? { bin } : {}) });
    const summary = parseSummary(result);
    const files = (await readdir(out)).filter((name) => name.endsWith('.md'));
    if (result.code !== 0 || summary.written !== articles || files.length !== articles) {
      throw new Error(`fetch run did not write ${articles} posts (exit ${result.code}, written ${summary.written}, files ${files.length}):\n${result.stderr.slice(0, 2000)}`);
    }
    const requests = server.requests.length;
    const paced = host !== '127.0.0.1';
    const floorMs = paced ? (requests - 1) * DEFAULT_DELAY_MS + latencyMs : (requests * latencyMs) / DEFAULT_CONCURRENCY;
    return {
      host,
      articles,
      latencyMs,
      requests,
      articleRequests: server.requests.filter(isArticleRequest).length,
      wallMs: result.wallMs,
      floorMs,
      ratio: result.wallMs / floorMs,
    };
  } finally {
    await server.close();
    await removeDir(out);
  }
}

/** The median of `runs` runs, every run kept. */
export async function benchFetchLatencyRepeated({ runs = 3, ...options } = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await benchFetchLatency(options));
  const medianRun = [...all].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(all.length / 2)];
  return { ...medianRun, runs, wallMsEach: all.map((run) => round(run.wallMs)), medianWallMs: median(all.map((run) => run.wallMs)) };
}
