import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { rssFeed } from '../helpers/pages.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { ARTICLE_PATHS, articleRoutes, feedRoute, isArticleRequest } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const DISALLOW_CHINA = 'User-agent: *\nDisallow: /realtime/china/\n';
const ALLOW_ALL = 'User-agent: *\nAllow: /\n';

async function siteWithRobots(robots: string) {
  server = await startSiteServer({ '/robots.txt': { body: robots, contentType: 'text/plain' }, '/feed.xml': feedRoute(), ...articleRoutes() });
  const site = await tempDir();
  const out = join(site, '_posts');
  const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--prefer', 'page'];
  return { server, out, args, statePath: join(dirname(out), '.zb-scrape-state.json') };
}

/** As if the run that read robots.txt had been 25 hours ago. */
function makeKeptCopyOlderThanADay(statePath: string, origin: string): void {
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  state.robots[`${origin}/robots.txt`].fetchedAt = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
  writeFileSync(statePath, JSON.stringify(state));
}

const chinaRequests = (requests: string[]) => requests.filter((path) => isArticleRequest(path) && path.startsWith('/realtime/china/'));

describe('robots.txt', () => {
  it('is honoured: a disallowed article page is never requested, and --ignore-robots requests it', async () => {
    const { server, args } = await siteWithRobots(DISALLOW_CHINA);
    const result = await runCli([...args, '--no-state']);
    expect(result.code).toBe(0);
    expect(server.requests.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(chinaRequests(server.requests)).toEqual([]);
    expect(server.requests.filter(isArticleRequest).length).toBeGreaterThan(0);

    const before = server.requests.length;
    const ignoring = await runCli([...args, '--no-state', '--ignore-robots', '--update']);
    expect(ignoring.code).toBe(0);
    expect(server.requests.slice(before)).not.toContain('/robots.txt');
    expect(chinaRequests(server.requests.slice(before)).sort()).toEqual([ARTICLE_PATHS.cnAstro, ARTICLE_PATHS.cnClassic].sort());
  });

  it('is kept for a day in the state file: the next run asks for none and keeps to the copy it has', async () => {
    const { server, args, statePath } = await siteWithRobots(DISALLOW_CHINA);
    expect((await runCli(args)).code).toBe(0);
    const state = JSON.parse(readFileSync(statePath, 'utf8'));
    expect(state.robots[`${server.origin}/robots.txt`]).toMatchObject({ text: DISALLOW_CHINA });

    // The site now allows everything, but within the day the kept copy decides.
    server.routes.set('/robots.txt', { body: ALLOW_ALL, contentType: 'text/plain' });
    const before = server.requests.length;
    expect((await runCli([...args, '--update'])).code).toBe(0);
    expect(server.requests.slice(before)).not.toContain('/robots.txt');
    expect(chinaRequests(server.requests.slice(before))).toEqual([]);
  });

  it('is read again once the kept copy is a day old', async () => {
    const { server, args, statePath } = await siteWithRobots(DISALLOW_CHINA);
    expect((await runCli(args)).code).toBe(0);
    makeKeptCopyOlderThanADay(statePath, server.origin);

    server.routes.set('/robots.txt', { body: ALLOW_ALL, contentType: 'text/plain' });
    const before = server.requests.length;
    expect((await runCli([...args, '--update'])).code).toBe(0);
    expect(server.requests.slice(before)).toContain('/robots.txt');
    expect(chinaRequests(server.requests.slice(before)).sort()).toEqual([ARTICLE_PATHS.cnAstro, ARTICLE_PATHS.cnClassic].sort());
    expect(JSON.parse(readFileSync(statePath, 'utf8')).robots[`${server.origin}/robots.txt`]).toMatchObject({ text: ALLOW_ALL });
  });

  it('an unreachable robots.txt keeps its last copy', async () => {
    const { server, args, statePath } = await siteWithRobots(DISALLOW_CHINA);
    expect((await runCli(args)).code).toBe(0);
    makeKeptCopyOlderThanADay(statePath, server.origin);

    server.routes.set('/robots.txt', { status: 503, body: 'busy' });
    const before = server.requests.length;
    expect((await runCli([...args, '--update', '--retries', '0'])).code).toBe(0);
    expect(server.requests.slice(before)).toContain('/robots.txt');
    expect(chinaRequests(server.requests.slice(before))).toEqual([]);
  });

  it('is checked for the target of a redirect too', async () => {
    const moved = ARTICLE_PATHS.cnAstro.replace('/realtime/china/', '/news/china/');
    server = await startSiteServer({
      '/robots.txt': { body: 'User-agent: *\nDisallow: /news/china/\n', contentType: 'text/plain' },
      '/feed.xml': { body: rssFeed([ARTICLE_PATHS.cnAstro]), contentType: 'application/rss+xml' },
      [ARTICLE_PATHS.cnAstro]: { status: 301, headers: { location: moved } },
      [moved]: articleRoutes()[ARTICLE_PATHS.cnAstro]!,
    });
    const out = join(await tempDir(), '_posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--no-state'];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(server.requests).toContain(ARTICLE_PATHS.cnAstro);
    expect(server.requests).not.toContain(moved);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 0, disallowed: [`https://www.zaobao.com.sg${ARTICLE_PATHS.cnAstro}`] });

    const ignoring = await runCli([...args, '--ignore-robots']);
    expect(JSON.parse(ignoring.stdout)).toMatchObject({ written: 1 });
    expect(server.requests).toContain(moved);
  });

  it('is checked for the target of a redirect on a mirror that serves the site under a path', async () => {
    const moved = ARTICLE_PATHS.cnAstro.replace('/realtime/china/', '/news/china/');
    server = await startSiteServer({
      '/zb/robots.txt': { body: 'User-agent: *\nDisallow: /news/china/\n', contentType: 'text/plain' },
      '/zb/feed.xml': { body: rssFeed([ARTICLE_PATHS.cnAstro]), contentType: 'application/rss+xml' },
      [`/zb${ARTICLE_PATHS.cnAstro}`]: { status: 302, headers: { location: `/zb${moved}` } },
      [`/zb${moved}`]: articleRoutes()[ARTICLE_PATHS.cnAstro]!,
    });
    const out = join(await tempDir(), '_posts');
    const result = await runCli(['fetch', '--origin', `${server.origin}/zb/`, '--feed', `${server.origin}/zb/feed.xml`, '--out', out, '--json', '--no-state']);
    expect(result.code).toBe(0);
    expect(server.requests).toContain(`/zb${ARTICLE_PATHS.cnAstro}`);
    expect(server.requests).not.toContain(`/zb${moved}`);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 0, disallowed: [`https://www.zaobao.com.sg${ARTICLE_PATHS.cnAstro}`] });
  });

  it('a page not fetched because robots.txt could not be read gets no stand-in from its whole feed item: the next run fetches the page', async () => {
    const path = ARTICLE_PATHS.cnAstro;
    const feed = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
      <item><title>全文</title><link>https://www.zaobao.com.sg${path}</link><pubDate>Tue, 20 Feb 2024 18:05:00 +0800</pubDate>
      <content:encoded><![CDATA[<p>第一段，完整的文章内容。</p><p>第二段，完整的文章内容。</p>]]></content:encoded></item></channel></rss>`;
    server = await startSiteServer({ '/robots.txt': { status: 503, body: 'busy' }, '/feed.xml': { body: feed, contentType: 'application/rss+xml' }, ...articleRoutes() });
    const out = join(await tempDir(), '_posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--no-state', '--retries', '0'];
    const first = await runCli(args);
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)).toMatchObject({ written: 0, fromFeed: 0, failed: 1 });
    server.routes.set('/robots.txt', { body: ALLOW_ALL, contentType: 'text/plain' });
    const second = await runCli(args);
    expect(JSON.parse(second.stdout)).toMatchObject({ written: 1, fromFeed: 0 });
    expect(server.requests).toContain(path);
  });

  // RFC 9309 (2.3.1.3): one that cannot be reached by following its redirects is unavailable.
  it('a robots.txt that redirects off the site allows everything, as a missing one does', async () => {
    const { server, args } = await siteWithRobots(ALLOW_ALL);
    server.routes.set('/robots.txt', { status: 302, headers: { location: 'http://elsewhere.invalid/robots.txt' } });
    const result = await runCli([...args, '--no-state', '--retries', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.filter(isArticleRequest).length).toBeGreaterThan(0);
  });

  // RFC 9309 (2.3.1.4): a robots.txt that cannot be read means complete disallow.
  it('an unreachable robots.txt with no copy kept: no page of the site is fetched, and the run fails so that the next one tries again', async () => {
    const { server, args } = await siteWithRobots(ALLOW_ALL);
    server.routes.set('/robots.txt', { status: 503, body: 'busy' });
    const result = await runCli([...args, '--no-state', '--retries', '0']);
    expect(result.code).toBe(1);
    expect(server.requests.filter(isArticleRequest)).toEqual([]);
    expect(result.stderr.match(/robots\.txt: HTTP 503; the site's pages are not fetched without it this run/g)).toHaveLength(1);
    const summary = JSON.parse(result.stdout);
    // No stand-in from the feed either: the next run has the pages themselves.
    expect(summary).toMatchObject({ written: 0, fromFeed: 0 });
    expect(summary.failed).toBe(summary.discovered);
    for (const failure of summary.failures) expect(failure.reason).toBe('not fetched: robots.txt could not be read (HTTP 503)');

    server.routes.set('/robots.txt', { body: ALLOW_ALL, contentType: 'text/plain' });
    const again = await runCli([...args, '--no-state']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).written).toBe(summary.failed);
  });
});
