import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { astroPage, rssFeed } from '../helpers/pages.js';
import { startSiteServer, type Route, type SiteServer } from '../helpers/site-server.js';
import { isArticleRequest } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Two china and one singapore story a day, 2026-07-30 … 2026-08-09. */
function stories() {
  const list: { path: string; day: string; section: string }[] = [];
  for (let offset = 0; offset < 11; offset++) {
    const date = new Date(Date.UTC(2026, 6, 30 + offset));
    const day = date.toISOString().slice(0, 10);
    const compact = day.replace(/-/g, '');
    list.push({ path: `/news/china/story${compact}-95${offset}01`, day, section: 'china' });
    list.push({ path: `/news/china/story${compact}-95${offset}02`, day, section: 'china' });
    list.push({ path: `/news/singapore/story${compact}-95${offset}03`, day, section: 'singapore' });
  }
  return list;
}

const urlset = (entries: { path: string; day: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries
    .map((entry) => `<url><loc>https://www.zaobao.com.sg${entry.path}</loc><lastmod>${entry.day}T02:00:00Z</lastmod></url>`)
    .join('')}</urlset>`;

function articleRoutes(list: ReturnType<typeof stories>): Record<string, Route> {
  return Object.fromEntries(
    list.map((story) => [
      story.path,
      { body: astroPage({ path: story.path, title: `${story.section} ${story.day}`, published: `${story.day}T09:30:00+08:00`, paragraphs: [`${story.day} 的新闻正文。`] }) },
    ]),
  );
}

/** A site that serves only a sitemap index, monthly sitemaps and articles; its feed holds the newest items. */
async function sitemapSite(): Promise<SiteServer> {
  const list = stories();
  const xml = { contentType: 'application/xml' };
  server = await startSiteServer({
    '/sitemap.xml': {
      ...xml,
      body: `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${['201601', '202607', '202608']
        .map((month) => `<sitemap><loc>https://www.zaobao.com.sg/sitemaps/sitemap-${month}.xml</loc></sitemap>`)
        .join('')}</sitemapindex>`,
    },
    '/sitemaps/sitemap-202607.xml': { ...xml, body: urlset(list.filter((story) => story.day < '2026-08-01')) },
    '/sitemaps/sitemap-202608.xml': { ...xml, body: urlset(list.filter((story) => story.day >= '2026-08-01')) },
    '/rss/realtime/china': { contentType: 'application/rss+xml', body: rssFeed(list.filter((story) => story.section === 'china').slice(-2).map((story) => story.path)) },
    ...articleRoutes(list),
  });
  return server;
}

const expectedChina = (from: string, to: string) =>
  stories().filter((story) => story.section === 'china' && story.day >= from && story.day <= to).map((story) => story.path).sort();

describe('backfill by date range', () => {
  it('writes exactly the section stories of the window, from the monthly sitemaps, and fetches nothing outside it', async () => {
    const site = await sitemapSite();
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-08-05', '--to', '2026-08-07', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 6, failed: 0 });
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-08-05', '2026-08-07'));
    expect(site.requests).not.toContain('/sitemaps/sitemap-201601.xml'); // months outside the window are not read
    const posts = await readPosts(out);
    expect(posts.map((post) => post.name.slice(0, 10))).toEqual(['2026-08-05', '2026-08-05', '2026-08-06', '2026-08-06', '2026-08-07', '2026-08-07']);
  });

  it('spans months, and a resumed backfill fetches only what is missing', async () => {
    const site = await sitemapSite();
    const out = await tempDir();
    const args = ['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-07-30', '--to', '2026-08-02', '--out', out, '--json'];
    const first = await runCli([...args, '--limit', '3']);
    expect(JSON.parse(first.stdout)).toMatchObject({ written: 3, deferred: 5 });
    const before = site.requests.length;
    const resumed = await runCli(args);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ written: 5, skipped: 3 });
    const refetched = site.requests.slice(before).filter(isArticleRequest);
    expect(refetched).toHaveLength(5);
    expect(await readdir(out)).toHaveLength(8);
  });

  it('an unchanged sitemap read for one section still yields another section\'s stories', async () => {
    const site = await sitemapSite();
    // The August sitemap answers 304 to its ETag, as the site's do.
    const august = site.routes.get('/sitemaps/sitemap-202608.xml')!;
    site.routes.set('/sitemaps/sitemap-202608.xml', {
      handle: (request, response) => {
        if (request.headers['if-none-match'] === '"aug"') response.writeHead(304, { etag: '"aug"' }).end();
        else response.writeHead(200, { 'content-type': 'application/xml', etag: '"aug"' }).end(august.body);
      },
    });
    const dir = await tempDir();
    const window = ['--from', '2026-08-05', '--to', '2026-08-06', '--state', join(dir, 'state.json'), '--json'];
    const china = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--out', join(dir, 'china'), ...window]);
    expect(JSON.parse(china.stdout)).toMatchObject({ written: 4 });
    const singapore = await runCli(['fetch', '--origin', site.origin, '--section', 'singapore', '--out', join(dir, 'singapore'), ...window]);
    expect(JSON.parse(singapore.stdout)).toMatchObject({ written: 2, failed: 0 });
    expect((await readPosts(join(dir, 'singapore'))).every((post) => String(post.frontMatter.from).includes('/news/singapore/'))).toBe(true);
  });

  it('finds the stories of a monthly sitemap that fails on the listing pages', async () => {
    const site = await sitemapSite();
    site.routes.set('/sitemaps/sitemap-202607.xml', { status: 503, headers: { 'retry-after': '0' } });
    const list = stories().filter((story) => story.section === 'china').reverse();
    const page = (n: number) =>
      `<html><body><div class="card-listing">${list.slice((n - 1) * 6, n * 6).map((story) => `<div class="card"><div class="content-header"><a href="${story.path}">t</a></div></div>`).join('')}</div></body></html>`;
    for (let n = 1; n <= 4; n++) site.routes.set(`/news/china?page=${n}`, { body: page(n) });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-07-30', '--to', '2026-08-01', '--out', out, '--json', '--retries', '0']);
    expect(result.stderr).toMatch(/1 of 2 monthly sitemaps could not be read; paging through the listing pages/);
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-07-30', '2026-08-01'));
  });

  it('asks by name for a month of the window that the index leaves out', async () => {
    const site = await sitemapSite();
    site.routes.set('/sitemap.xml', {
      contentType: 'application/xml',
      body: '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml</loc></sitemap></sitemapindex>',
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-07-30', '--to', '2026-08-01', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-07-30', '2026-08-01'));
  });

  it('reads a month\'s sitemap larger than the 10 MB that caps a page (sitemaps.org allows 50 MB)', async () => {
    const site = await sitemapSite();
    const month = stories().filter((story) => story.day >= '2026-08-01');
    // Image and news extensions make real entries long; a comment stands in for their bytes.
    const large = urlset(month).replace('<urlset', `<!-- ${'图'.repeat(4_000_000)} --><urlset`);
    expect(Buffer.byteLength(large)).toBeGreaterThan(11 * 1024 * 1024);
    site.routes.set('/sitemaps/sitemap-202608.xml', { contentType: 'application/xml', body: large });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-08-01', '--to', '2026-08-02', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-08-01', '2026-08-02'));
  });

  it('reads the monthly sitemaps by name when the index is missing', async () => {
    const site = await sitemapSite();
    site.routes.delete('/sitemap.xml');
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--section', 'china', '--from', '2026-08-08', '--to', '2026-08-09', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-08-08', '2026-08-09'));
  });

  it('pages through the listing when the site has no sitemaps', async () => {
    const list = stories().filter((story) => story.section === 'china').reverse(); // newest first, as listings are
    // The first page pins an old story above the new ones, as section pages do.
    const pinned = list[list.length - 1]!;
    const page = (n: number) => {
      const slice = [...(n === 1 ? [pinned] : []), ...list.slice((n - 1) * 5, n * 5)];
      return `<html><body><div class="card-listing">${slice.map((story) => `<div class="card"><div class="content-header"><a href="${story.path}">t</a></div></div>`).join('')}</div></body></html>`;
    };
    const routes: Record<string, Route> = { ...articleRoutes(stories()) };
    for (let n = 1; n <= 5; n++) routes[`/news/china?page=${n}`] = { body: page(n) };
    routes['/news/china'] = { body: page(1) };
    server = await startSiteServer(routes);
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--section', 'china', '--from', '2026-08-01', '--to', '2026-08-02', '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/paging through the listing pages/);
    expect(server.requests.filter(isArticleRequest).sort()).toEqual(expectedChina('2026-08-01', '2026-08-02'));
    // It stops at the first page with nothing newer than the window (not at the pinned story).
    const lastRead = [1, 2, 3, 4, 5].find((n) => list.slice((n - 1) * 5, n * 5).every((story) => story.day < '2026-08-01'))!;
    expect(server.requests).toContain(`/news/china?page=${lastRead}`);
    expect(server.requests).not.toContain(`/news/china?page=${lastRead + 1}`);
  });

  // The story id's day is the publish day the site files it under (MANIFEST). A page whose own
  // time falls just past midnight must still be written by the shard of its id's day: the next
  // day's shard never fetches it, so dropping it here would lose it for good.
  it('a story is written by the window of its id\'s day, whatever the time its page gives', async () => {
    const path = '/news/china/story20251231-9800001';
    server = await startSiteServer({
      '/feed.xml': { body: rssFeed([path]), contentType: 'application/rss+xml' },
      [path]: { body: astroPage({ path, title: '跨年', published: '2026-01-01T00:00:10+08:00', paragraphs: ['跨年夜的新闻。'] }) },
    });
    const out = join(await tempDir(), '_posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--no-state'];
    const december = await runCli([...args, '--from', '2025-12-01', '--to', '2025-12-31']);
    expect(JSON.parse(december.stdout)).toMatchObject({ written: 1, outsideWindow: 0 });
    expect((await readdir(out)).filter((name) => name.endsWith('.md'))).toEqual(['2026-01-01-9800001.md']);
  });

  it('rejects a window that ends before it starts, and bad days', async () => {
    const reversed = await runCli(['fetch', '--from', '2026-08-07', '--to', '2026-08-05']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/--from 2026-08-07 is after --to 2026-08-05/);
    const bad = await runCli(['fetch', '--from', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
    const since = await runCli(['fetch', '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/duration such as/);
  });
});
