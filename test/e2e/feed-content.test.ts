import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { markdownToText, squash } from '../helpers/markdown-text.js';
import { fixture, startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { isArticleRequest } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const rss = (file: string) => ({ body: fixture(`feeds/${file}`), contentType: 'application/rss+xml' });

async function rsshub(): Promise<SiteServer> {
  // Article pages are absent: the server answers 404 for them, as when the site blocks a runner.
  server = await startSiteServer({
    '/zaobao/realtime/china': rss('rsshub-realtime-china-2021.xml'),
    '/zaobao/realtime/world': rss('rsshub-realtime-world-2026.xml'),
  });
  return server;
}

const args = (site: SiteServer, out: string, ...extra: string[]) => [
  'fetch', '--origin', site.origin, '--feed', `${site.origin}/zaobao/realtime/china`, `${site.origin}/zaobao/realtime/world`,
  '--out', out, '--json', '--retries', '0', ...extra,
];

const NOISE = /lazyload|data:image|dfp-ad|innity|subscribe\.sph|view-desktop|view-mobile|promo\/|googletag|记者简介|<iframe|<div|<p>|<section/;

describe('posts from RSSHub feed content', () => {
  it('builds posts from the items when the article pages answer 404', async () => {
    const site = await rsshub();
    const out = await tempDir();
    const result = await runCli(args(site, out, '--verbose'));
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ discovered: 3, written: 3, failed: 0, fromFeed: 3 });

    const posts = await readPosts(out);
    expect(posts.map((post) => post.name)).toEqual(['2021-10-01-1199001.md', '2021-10-02-1199002.md', '2026-03-05-9510001.md']);
    const [metro, border, ecb] = posts as [typeof posts[0], typeof posts[0], typeof posts[0]];

    expect(metro.frontMatter).toMatchObject({
      title: '广州地铁客流创新高',
      // RSSHub labels Singapore time as GMT; the story id's day shows it, and it is corrected.
      date: '2021-10-01 21:30:00 +0800',
      author: '联合早报',
      from: 'https://www.zaobao.com/realtime/china/story20211001-1199001',
      source: 'feed',
      categories: ['联合早报', '中国'],
    });
    expect(result.stderr).toMatch(/Singapore times labelled GMT.*2 item times moved back 8 hours/);
    const metroText = squash(markdownToText(metro.body));
    for (const paragraph of [
      '（早报讯）广州地铁周五单日客流突破一千万人次，创开通以来新高。',
      '广州地铁集团说，节前出行需求集中释放是主要原因。',
      '当局在多个站点增派工作人员疏导人流。',
      '分析指出，城市轨道交通已成为市民出行的首选。',
      '广州地铁站内的乘客。（中新社）',
    ]) {
      expect(metroText).toContain(squash(paragraph));
    }
    expect(metro.body).toContain('![广州地铁](https://static.zaobao.com/s3fs-public/styles/530x300/public/2021/09/metro.jpg)');
    expect(metro.body).not.toMatch(NOISE);

    // The feed as a whole mislabels, so this item's time is corrected too, though alone it shows no sign.
    expect(border.frontMatter.date).toBe('2021-10-02 09:15:00 +0800');

    expect(ecb.frontMatter).toMatchObject({ date: '2026-03-05 22:40:00 +0800', tags: ['欧洲', '利率'], source: 'feed', categories: ['联合早报', '国际'] });
    expect(ecb.body).toContain('![欧洲央行总部](https://cassette.sphdigital.com.sg/image/zaobao/8a7b6c?o=zbimg&oloc=se)\n\n*位于法兰克福的欧洲央行总部。（路透社）*');
    expect(ecb.body).toContain('## 通胀回落');
    expect(ecb.body).toContain('*行长出席记者会。（法新社）*');
    expect(ecb.body).toContain('[早报播客：欧洲央行降息](https://omny.fm/shows/zaobao/ecb-rate-cut/embed)');
    expect(ecb.body).not.toMatch(NOISE);
  });

  it('--prefer feed makes no article request', async () => {
    const site = await rsshub();
    const out = await tempDir();
    const result = await runCli(args(site, out, '--prefer', 'feed'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 3, fromFeed: 3 });
    expect(site.requests.filter(isArticleRequest)).toEqual([]);
  });

  it('the page wins when it can be fetched, and a later run does not duplicate feed-built posts', async () => {
    const site = await rsshub();
    const out = await tempDir();
    expect((await runCli(args(site, out))).code).toBe(0);
    // The pages come back: nothing is fetched again, nothing is duplicated.
    site.routes.set('/realtime/china/story20211002-1199002', {
      body: `<html><head><meta property="og:title" content="深港通关安排公布"><meta property="article:published_time" content="2021-10-02T09:15:00+08:00"></head>
        <body><div><p>深圳与香港周六公布新一轮通关安排，每日配额增加。</p><p>两地政府表示，将视疫情发展调整措施。</p></div></body></html>`,
    });
    const again = await runCli(args(site, out));
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, skipped: 3 });
    expect(await readdir(out)).toHaveLength(3);

    const fresh = await tempDir();
    const withPage = await runCli(args(site, fresh));
    const summary = JSON.parse(withPage.stdout);
    expect(summary).toMatchObject({ written: 3, fromFeed: 2 });
    const border = (await readPosts(fresh)).find((post) => post.name.endsWith('1199002.md'))!;
    expect(border.frontMatter.source).toBeUndefined();
    expect(border.frontMatter.date).toBe('2021-10-02 09:15:00 +0800'); // the page's own time wins
  });

  it('an item without content whose page is gone is no post: gone, not failed, and not empty', async () => {
    server = await startSiteServer({
      '/feed.xml': {
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>只有标题</title>
          <link>https://www.zaobao.com.sg/realtime/world/story20260101-1</link></item></channel></rss>`,
        contentType: 'application/rss+xml',
      },
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--retries', '0']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ failures: [], gone: ['https://www.zaobao.com.sg/realtime/world/story20260101-1'] });
    expect(await readdir(out)).toEqual([]);
  });
});

describe('--update', () => {
  it('upgrades a post built from the feed to the page version once the page is back', async () => {
    const site = await rsshub();
    const out = await tempDir();
    await runCli(args(site, out));
    site.routes.set('/realtime/china/story20211002-1199002', {
      body: `<html><head><meta property="og:title" content="深港通关安排公布"><meta property="article:published_time" content="2021-10-02T09:15:00+08:00"></head>
        <body><div><p>深圳与香港周六公布新一轮通关安排，每日配额增加。</p><p>两地政府表示，将视疫情发展调整措施。</p></div></body></html>`,
    });
    const result = await runCli(args(site, out, '--update'));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 0, updated: 1, skipped: 2 });
    const border = (await readPosts(out)).find((post) => post.name.endsWith('1199002.md'))!;
    expect(border.frontMatter.source).toBeUndefined();
    expect(border.frontMatter.date).toBe('2021-10-02 09:15:00 +0800');
    expect(await readdir(out)).toHaveLength(3);
  });
});
