/**
 * A backfill holds a handful of pages at a time, however many it writes: nothing the run keeps
 * for its summary may keep a page alive (a title cut from the page's text is a view of the whole
 * page). Run under a small heap, a run that kept its pages would die of it.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { rssFeed } from '../helpers/pages.js';
import { startSiteServer, type Route } from '../helpers/site-server.js';

/** ~400 KB in memory: Chinese text makes the page a two-byte string. */
const FILLER = '<script>window.__chrome="' + '早报新闻菜单项目'.repeat(25_000) + '";</script>';

function page(id: number): string {
  const url = `https://www.zaobao.com.sg/news/china/story20250301-${id}`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="这是一条足够长的新闻标题，用于测试内存${id}"><meta property="og:url" content="${url}">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2025-03-01T10:00:00+08:00"}</script>${FILLER}</head>
<body><h1 class="article-title"> 这是一条足够长的新闻标题，用于测试内存${id} </h1><article class="article-body" id="article-body"><p>第一段文字，足够长的内容。</p><p>第二段。</p></article></body></html>`;
}

describe('memory over a long run', () => {
  it('writes 300 pages of 400 KB in a 48 MB heap', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => 9_500_000 + i);
    const paths = ids.map((id) => `/news/china/story20250301-${id}`);
    const routes: Record<string, Route> = { '/feed.xml': { body: rssFeed(paths), contentType: 'application/rss+xml' } };
    ids.forEach((id, i) => (routes[paths[i]!] = { body: page(id) }));
    const server = await startSiteServer(routes);
    try {
      const out = await tempDir();
      const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--no-state', '--json', '--quiet'], {
        env: { NODE_OPTIONS: '--max-old-space-size=48' },
      });
      expect(result.code, result.stderr.slice(0, 500)).toBe(0);
      expect(JSON.parse(result.stdout).written).toBe(300);
    } finally {
      await server.close();
    }
  }, 60_000);
});
