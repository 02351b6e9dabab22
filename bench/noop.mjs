/**
 * The cron case: the output directory holds an archive of posts, and the feed lists the 100
 * newest stories, all of them already there. The run must fetch no article and end quickly,
 * whatever the posts are named.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FEED_CONTENT_TYPE, STATE_FILE, isArticleRequest, parseSummary, removeDir, runCli, rssFeed, startServer, stories, tempDir } from './lib.mjs';

/** A post's body as long as a real one's (a few kilobytes of Chinese text). */
const BODY = '中国海关总署周六公布数据显示，出口以美元计同比增长，这一增速高于路透社调查的预估中值。\n\n'.repeat(25);

/**
 * How the archive's posts are named and what their front matter says:
 * - `id`: zb-scrape's default, `YYYY-MM-DD-<story id>.md`;
 * - `title`: zb-scrape's `--slug title`, with `story_id:` and `from:` lines;
 * - `other`: another tool's, named by title on the day it fetched the story (two days late), with a `from:` line only.
 */
const NAMINGS = {
  id: (story) => ({ name: `${story.day}-${story.id}.md`, frontMatter: `title: 旧文 ${story.id}\nfrom: ${story.url}\nstory_id: "${story.id}"` }),
  title: (story) => ({ name: `${story.day}-出口同比增长-超出市场预期-${story.index}.md`, frontMatter: `title: 出口同比增长 超出市场预期 ${story.index}\nfrom: ${story.url}\nstory_id: "${story.id}"` }),
  other: (story) => {
    const fetched = new Date(Date.parse(`${story.day}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    return { name: `${fetched}-zaobao-news-${story.index}.md`, frontMatter: `title: "出口同比增长 ${story.index}"\ndate: ${fetched} 08:00:00\nfrom: ${story.url}` };
  },
};

async function createPosts(dir, list, naming) {
  await mkdir(dir, { recursive: true });
  const batch = 500;
  for (let start = 0; start < list.length; start += batch) {
    await Promise.all(
      list.slice(start, start + batch).map((story) => {
        const { name, frontMatter } = NAMINGS[naming](story);
        return writeFile(join(dir, name), `---\nlayout: post\n${frontMatter}\ntags:\n  - 中国\ncategories:\n  - 联合早报\n---\n\n${BODY}`);
      }),
    );
  }
}

export async function benchNoop({ existing = 50_000, feedItems = 100, naming = 'id' } = {}) {
  const out = await tempDir('noop');
  const list = stories(existing, { firstId: 9_000_000 });
  const feed = rssFeed(list.slice(-feedItems));
  const server = await startServer((path) => (path === '/feed.xml' ? { body: feed, contentType: FEED_CONTENT_TYPE } : undefined), {
    maxRequests: feedItems * 4 + 10,
  });
  try {
    await createPosts(out, list, naming);
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', join(out, STATE_FILE), '--json', '--quiet'], {
      timeoutMs: 120_000,
    });
    const summary = parseSummary(result);
    if (result.code !== 0 || summary.skipped !== feedItems) throw new Error(`no-op run exited ${result.code}, ${summary.skipped} of ${feedItems} found present:\n${result.stderr.slice(0, 2000)}`);
    return {
      naming,
      existingPosts: existing,
      feedItems,
      wallMs: result.wallMs,
      runDurationMs: summary.durationMs,
      skipped: summary.skipped,
      articleRequests: server.requests.filter(isArticleRequest).length,
      requests: server.requests.length,
    };
  } finally {
    await server.close();
    await removeDir(out);
  }
}
