/**
 * Benchmark 3: the cron case. The output directory already holds 50,000 posts and the feed
 * lists 100 stories that are all among them: the run must index the directory from file
 * names alone, fetch no article, and finish quickly.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEED_CONTENT_TYPE, STATE_FILE, isArticleRequest, parseSummary, removeDir, runCli, rssFeed, startServer, stories, tempDir } from './lib.mjs';

/** Posts named by story id (the default), or by title (`--slug title`), which must be opened to know their story. */
async function createPosts(dir, list, names) {
  const batch = 500;
  for (let start = 0; start < list.length; start += batch) {
    await Promise.all(
      list.slice(start, start + batch).map((story) =>
        writeFile(join(dir, `${story.day}-${names === 'title' ? `旧文-${story.id}-标题` : story.id}.md`), `---\ntitle: 旧文 ${story.id}\nstory_id: "${story.id}"\nfrom: ${story.url}\n---\n\n正文\n`),
      ),
    );
  }
}

export async function benchNoop({ existing = 50_000, feedItems = 100, names = 'id' } = {}) {
  const out = await tempDir('noop');
  const list = stories(existing, { firstId: 9_800_000 });
  // Feed items spread over the whole archive, not just its first or last files.
  const step = Math.floor(existing / feedItems);
  const feedStories = Array.from({ length: feedItems }, (_, i) => list[i * step]);
  const feed = rssFeed(feedStories);
  const server = await startServer((path) => (path === '/feed.xml' ? { body: feed, contentType: FEED_CONTENT_TYPE } : undefined), {
    maxRequests: feedItems * 4 + 10,
  });
  try {
    await createPosts(out, list, names);
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', join(out, STATE_FILE), '--json', '--quiet'], {
      timeoutMs: 60_000,
    });
    const summary = parseSummary(result);
    if (result.code !== 0) throw new Error(`no-op run exited ${result.code}:\n${result.stderr.slice(0, 2000)}`);
    return {
      names,
      existingPosts: existing,
      feedItems,
      wallMs: result.wallMs,
      runDurationMs: summary.durationMs,
      discovered: summary.discovered,
      skipped: summary.skipped,
      written: summary.written,
      articleRequests: server.requests.filter(isArticleRequest).length,
      requests: server.requests.length,
    };
  } finally {
    await server.close();
    await removeDir(out);
  }
}
