import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { markdownToText, squash } from '../helpers/markdown-text.js';
import { astroPage, rssFeed } from '../helpers/pages.js';
import { fixture, startSiteServer, type Route, type SiteServer } from '../helpers/site-server.js';
import { ARTICLE_PATHS, articleRoutes, brokenFeedsChinaRoutes, feedRoute, isArticleRequest } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function siteWithFeed(): Promise<SiteServer> {
  server = await startSiteServer({ '/feeds/mixed.xml': feedRoute(), ...articleRoutes() });
  return server;
}

const fetchArgs = (site: SiteServer, out: string, ...extra: string[]) => [
  'fetch', '--origin', site.origin, '--feed', `${site.origin}/feeds/mixed.xml`, '--out', out, '--json', ...extra,
];

describe('zb-scrape fetch', () => {
  it('writes one post per article of a feed, for every page generation', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    const result = await runCli(fetchArgs(site, out));
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toMatch(/extraction worker/); // extracted on the worker thread, no fallback
    expect(result.code).toBe(0);

    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ discovered: 6, written: 6, skipped: 0, failed: 0, paywalled: 1 });
    const posts = await readPosts(out);
    expect(posts.map((post) => post.name)).toEqual([
      '2019-06-11-1000004.md',
      '2023-05-14-1400002.md', // 00:15 Singapore time stays on the Singapore day
      '2024-02-20-4500003.md',
      '2025-01-01-9000005.md',
      '2026-03-01-9500001.md',
      '2026-03-02-9500006.md',
    ]);
    const sgReact = posts.find((post) => post.name === '2026-03-01-9500001.md')!;
    expect(Object.keys(sgReact.frontMatter).slice(0, 7)).toEqual(['layout', 'title', 'date', 'author', 'from', 'tags', 'categories']);
    expect(sgReact.frontMatter).toMatchObject({
      layout: 'post',
      title: '金管局维持货币政策不变 "新元"走强: 分析',
      date: '2026-03-01 10:00:00 +0800',
      author: '张伟明',
      from: 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001',
      tags: ['新加坡', '金管局', '货币政策'],
      categories: ['联合早报', '新加坡'],
    });
    // Straight quotes escaped, so that kramdown does not curl them (see convert/markdown.ts).
    expect(sgReact.body.split('\n').find(Boolean)).toContain('[金管局维持货币政策不变 \\"新元\\"走强: 分析](https://www.zaobao.com.sg/news/singapore/story20260301-9500001)');
    expect(squash(markdownToText(sgReact.body))).toContain(squash('新元兑美元汇率小幅走高，报1.28。'));
    for (const post of posts) {
      expect(post.raw).not.toMatch(/<script|<div|<iframe|广告|推荐阅读|googletag|相关推荐/);
      expect(String(post.frontMatter.from)).toMatch(/^https:\/\/www\.zaobao\.com(\.sg)?\//);
    }
    const classic = posts.find((post) => post.name === '2023-05-14-1400002.md')!;
    expect(classic.frontMatter.date).toBe('2023-05-14 00:15:30 +0800');
    const generic = posts.find((post) => post.name === '2025-01-01-9000005.md')!;
    expect(generic.frontMatter.extractor).toBe('generic');
    expect(result.stderr).toMatch(/generic extractor/);

    // The off-site feed item is reported and never requested.
    expect(result.stderr).toMatch(/example\.org.*not a Zaobao host|not a Zaobao host.*example\.org/);
    expect(site.requests.filter(isArticleRequest).sort()).toEqual(Object.values(ARTICLE_PATHS).sort());
  });

  it('a second identical run writes nothing and requests no article page', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    expect((await runCli(fetchArgs(site, out))).code).toBe(0);
    const before = site.requests.length;

    const again = await runCli(fetchArgs(site, out));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ discovered: 6, written: 0, skipped: 6, failed: 0 });
    expect(site.requests.slice(before).filter(isArticleRequest)).toEqual([]);
    expect(await readdir(out)).toHaveLength(6);
  });

  it('recognises stories already present under other names from their front matter', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    await writeFile(join(out, '2024-02-20-shenzhen-metro.md'), '---\ntitle: 旧工具写的\nfrom: https://www.zaobao.com/realtime/china/story20240220-4500003\n---\n正文\n');
    const result = await runCli(fetchArgs(site, out));
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 5, skipped: 1 });
    expect(site.requests).not.toContain(ARTICLE_PATHS.cnAstro);
  });

  it('falls back to the listing page when the section feeds are HTML or missing', async () => {
    server = await startSiteServer({ ...brokenFeedsChinaRoutes(), ...articleRoutes() });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--section', 'china', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/rss\/realtime\/china returned an HTML page instead of a feed/);
    expect(result.stderr).toMatch(/rss\/china HTTP 404/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ discovered: 2, written: 2, failed: 0 });
    expect((await readPosts(out)).map((post) => post.name)).toEqual(['2023-05-14-1400002.md', '2024-02-20-4500003.md']);
    // The link to another section in the page header is not this section's article.
    expect(server.requests).not.toContain('/news/world/story20240101-4400000');
  });

  it('reads the listing page too when the section feed has stopped (its newest story is weeks old)', async () => {
    server = await startSiteServer({
      ...brokenFeedsChinaRoutes(),
      ...articleRoutes(),
      '/rss/realtime/china': { body: rssFeed([ARTICLE_PATHS.cnClassic]), contentType: 'application/rss+xml' },
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--section', 'china', '--out', out, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/china: feed \S+\/rss\/realtime\/china has no story newer than 2023-05-14; reading the next source too/);
    expect(server.requests).toContain('/news/china');
    expect(JSON.parse(result.stdout)).toMatchObject({ discovered: 2, written: 2 });
  });

  it('reports a failing article with its URL and reason, writes the rest, and exits 1', async () => {
    const site = await siteWithFeed();
    // 403 (blocked); its feed item is a one-sentence teaser, which must not stand in for the story for good.
    site.routes.set(ARTICLE_PATHS.cnAstro, { status: 403, body: 'blocked' });
    site.routes.set(ARTICLE_PATHS.sgDrupal, { status: 500, body: 'boom' }); // its feed item has no body
    const out = await tempDir();
    const result = await runCli([...fetchArgs(site, out), '--retries', '1']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ written: 4, failed: 2, fromFeed: 0 });
    expect(summary.failures).toEqual([
      { url: `https://www.zaobao.com${ARTICLE_PATHS.cnAstro}`, reason: 'HTTP 403' },
      { url: `https://www.zaobao.com.sg${ARTICLE_PATHS.sgDrupal}`, reason: 'HTTP 500' },
    ]);
    expect(result.stderr).toMatch(/failed https:\/\/www\.zaobao\.com\.sg\/news\/singapore\/story20190611-1000004: HTTP 500/);
    // 500 is retried, 403 is not.
    expect(site.requests.filter((path) => path === ARTICLE_PATHS.sgDrupal)).toHaveLength(2);
    expect(site.requests.filter((path) => path === ARTICLE_PATHS.cnAstro)).toHaveLength(1);
    expect(await readdir(out)).toHaveLength(4);

    // The next run picks up what failed once the site is back.
    site.routes.set(ARTICLE_PATHS.sgDrupal, articleRoutes()[ARTICLE_PATHS.sgDrupal]!);
    site.routes.set(ARTICLE_PATHS.cnAstro, articleRoutes()[ARTICLE_PATHS.cnAstro]!);
    const rerun = await runCli(fetchArgs(site, out));
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ written: 2, skipped: 4 });
  });

  it('exits 3 when no source can be read', async () => {
    server = await startSiteServer({});
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--section', 'world', '--out', out, '--retries', '0']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no source could be read/);
    expect(await readdir(out)).toEqual([]);
    // --quiet prints errors only, and says which sources and why.
    const quiet = await runCli(['fetch', '--origin', server.origin, '--section', 'world', '--out', out, '--retries', '0', '--quiet']);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toMatch(/^error: .*realtime\/world.*: .*HTTP 404/m);
    expect(quiet.stderr).not.toMatch(/^warning:/m);
  });

  it('warns that a section could not be read while others were, and prints no error with exit 0', async () => {
    server = await startSiteServer({ '/rss/realtime/china': feedRoute(), ...articleRoutes() });
    const args = ['fetch', '--origin', server.origin, '--section', 'china', 'world', '--out', await tempDir(), '--retries', '0'];
    const result = await runCli(args);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: world: no source could be read \(https:\/\/www\.zaobao\.com\.sg\/rss\/realtime\/world: HTTP 404; .*\)$/m);
    expect(result.stderr).not.toMatch(/^error:/m);
    // Under --quiet (cron), a run that exits 0 prints nothing.
    const quiet = await runCli([...args, '--quiet', '--update']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('says that --from with --feed alone reads only the feeds', async () => {
    const site = await siteWithFeed();
    const result = await runCli(fetchArgs(site, await tempDir(), '--from', '2024-01-01', '--to', '2024-03-31'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: --from backfills through the sections' sitemaps and listing pages; with --feed alone only the feeds are read/);
    expect(site.requests.filter((path) => path.includes('sitemap'))).toEqual([]);
  });

  it('--quiet still names each failed article and why', async () => {
    const site = await siteWithFeed();
    site.routes.set(ARTICLE_PATHS.sgDrupal, { status: 500, body: 'boom' });
    const result = await runCli([...fetchArgs(site, await tempDir()), '--retries', '0', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('error: failed https://www.zaobao.com.sg/news/singapore/story20190611-1000004: HTTP 500');
  });

  it.each([[[]], [['--dry-run']]])('refuses an output directory that is a file, with exit 2 and no stack trace (%j)', async (extra) => {
    const site = await siteWithFeed();
    const file = join(await tempDir(), 'posts');
    await writeFile(file, 'not a directory');
    const result = await runCli([...fetchArgs(site, file), ...extra]);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^error: .*output directory .*posts.*nothing was fetched$/m);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(site.requests).toEqual([]);
  });

  it('makes the directory --state names, and a state file it cannot save costs no summary', async () => {
    const site = await siteWithFeed();
    site.routes.set('/feeds/mixed.xml', { ...feedRoute(), headers: { etag: '"v1"' } }); // something to keep
    const dir = await tempDir();
    const made = await runCli([...fetchArgs(site, join(dir, '_posts')), '--state', join(dir, '.cache', 'zb-state.json')]);
    expect(made.code, made.stderr).toBe(0);
    expect(JSON.parse(await readFile(join(dir, '.cache', 'zb-state.json'), 'utf8'))).toMatchObject({ version: 1 });

    await writeFile(join(dir, 'blocker'), 'a file where a directory should be');
    const unsaved = await runCli([...fetchArgs(site, join(dir, 'more')), '--state', join(dir, 'blocker', 'zb-state.json')]);
    expect(unsaved.code, unsaved.stderr).toBe(0);
    expect(JSON.parse(unsaved.stdout)).toMatchObject({ written: 6 });
    expect(unsaved.stderr).toMatch(/^warning: could not save .*blocker.*; the next run reads every source in full$/m);
  });

  it('warns, and goes on, when $GITHUB_STEP_SUMMARY cannot be written', async () => {
    const site = await siteWithFeed();
    const result = await runCli(fetchArgs(site, await tempDir()), { env: { GITHUB_STEP_SUMMARY: '/nonexistent/zb-scrape/summary.md' } });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 6 });
    expect(result.stderr).toMatch(/^warning: could not write the step summary/m);
  });

  it('ends at once when its only source refuses the connection', async () => {
    // A source that fails within the run's first event-loop turns: the run used to start its
    // extraction worker after it had already finished, and the worker kept the process alive.
    const closed = await startSiteServer({});
    await closed.close();
    const closedOrigin = closed.origin;
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', closedOrigin, '--feed', `${closedOrigin}/feed.xml`, '--out', out, '--retries', '0'], { exitWithinMs: 10_000 });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
  });

  it('ends with its run, not after the retries of a request it no longer needs', async () => {
    // The feed is read and lists nothing new; robots.txt, asked for ahead of the articles on an
    // origin that is down, is still between retries when the run is done. Five retries wait
    // at least 7.75 s in all.
    const emptyFeed = '<?xml version="1.0"?><rss version="2.0"><channel><title>即时</title></channel></rss>';
    server = await startSiteServer({ '/feed.xml': { body: emptyFeed, contentType: 'application/rss+xml' } });
    const down = await startSiteServer({});
    await down.close();
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', down.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--retries', '5', '--json'], { exitWithinMs: 5_000 });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ discovered: 0 });
  });

  it('--dry-run writes nothing and --limit caps the articles fetched', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    const dry = await runCli([...fetchArgs(site, out), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ written: 6, dryRun: true });
    expect(await readdir(out)).toEqual([]);

    const limited = await runCli([...fetchArgs(site, out), '--limit', '2']);
    expect(JSON.parse(limited.stdout)).toMatchObject({ written: 2, deferred: 4 });
    expect(await readdir(out)).toHaveLength(2);
  });

  // Each batch of answers frees its connections a moment after the run has read them; the
  // pool used to open new ones for the next batch meanwhile (14 connections for 40 articles at
  // --concurrency 8), each one more connection to the site and a connect before its request.
  it('keeps to --concurrency connections to the site, reusing them from one batch of articles to the next', async () => {
    const stories = Array.from({ length: 24 }, (_, i) => ({
      path: `/realtime/china/story20260401-${9_700_100 + i}`,
      title: `新闻 ${i}`,
      published: '2026-04-01T09:00:00+08:00',
      paragraphs: ['第一段。', '第二段。'],
    }));
    // A far-away site: answers take a while, so that every batch of requests is in flight at once.
    const slowly = (body: string, contentType?: string): Route => ({
      handle: (_request, response) => void setTimeout(() => response.writeHead(200, { 'content-type': contentType ?? 'text/html; charset=utf-8' }).end(body), 40),
    });
    server = await startSiteServer({
      '/feed.xml': slowly(rssFeed(stories.map((story) => story.path)), 'application/rss+xml'),
      ...Object.fromEntries(stories.map((story) => [story.path, slowly(astroPage(story))])),
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--concurrency', '4']);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 24, failed: 0 });
    expect(server.connections()).toBeLessThanOrEqual(4);
  });
});

describe('usage errors exit 2 and fetch nothing', () => {
  it.each([
    [['--concurrency', 'lots'], /--concurrency.*'lots' is invalid.*whole number from 1 to 64/],
    [['--timeout', '-5'], /--timeout/],
    [['--delay', '2s'], /--delay.*'2s' is invalid.*whole number from 0 to 60000/],
    [['--section', 'nowhere'], /unknown section 'nowhere' \(built-in sections: china, world/],
    [['--section', ''], /--section.*expected a name, not an empty value/],
    [['--origin', 'ftp://mirror'], /--origin.*http\(s\) URL/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('fetch %j', async (args, message) => {
    server = await startSiteServer({});
    const out = await tempDir();
    const result = await runCli(['fetch', '--out', out, '--feed', `${server.origin}/feed.xml`, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(server.requests).toEqual([]);
  });

  it('rejects a config file with unknown keys or bad values, naming the key', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'zb-scrape.config.json'), JSON.stringify({ concurrency: 0, sectionz: ['china'] }));
    const result = await runCli(['fetch'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/concurrency: .*>=1/);
    expect(result.stderr).toMatch(/sectionz/);
    await writeFile(join(dir, 'zb-scrape.config.json'), JSON.stringify({ sections: ['china', 'nosuch'] }));
    const unknown = await runCli(['fetch'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/zb-scrape\.config\.json is invalid:\n {2}sections\.1: unknown section 'nosuch'/);
  });

  it('fails clearly when --config names a missing file', async () => {
    const result = await runCli(['fetch', '--config', '/nonexistent/zb.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot read config file/);
  });
});

describe('configuration', () => {
  it('takes settings from zb-scrape.config.json, and flags override them', async () => {
    const site = await siteWithFeed();
    const dir = await tempDir();
    await writeFile(
      join(dir, 'zb-scrape.config.json'),
      JSON.stringify({ feeds: [`${site.origin}/feeds/mixed.xml`], origin: site.origin, out: 'site/_posts', layout: 'article', limit: 1 }),
    );
    // Saved with a byte-order mark, as PowerShell 5 and older Notepad write UTF-8.
    await writeFile(join(dir, 'zb-scrape.config.json'), `\ufeff${await readFile(join(dir, 'zb-scrape.config.json'), 'utf8')}`);
    const result = await runCli(['fetch', '--limit', '2', '--json'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const posts = await readPosts(join(dir, 'site/_posts'));
    expect(posts).toHaveLength(2);
    expect(posts.every((post) => post.frontMatter.layout === 'article')).toBe(true);
  });
});

describe('posts in subfolders of the output directory', () => {
  it('knows them, fetches them no more, and updates them where they are', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    expect((await runCli(fetchArgs(site, out))).code).toBe(0);
    // An archive split by year, as Jekyll allows (_posts/2026/…).
    await mkdir(join(out, '2023'));
    await rename(join(out, '2023-05-14-1400002.md'), join(out, '2023', '2023-05-14-1400002.md'));
    const requestsBefore = site.requests.filter(isArticleRequest).length;
    const rerun = await runCli(fetchArgs(site, out));
    expect(JSON.parse(rerun.stdout)).toMatchObject({ written: 0, skipped: 6 });
    expect(site.requests.filter(isArticleRequest)).toHaveLength(requestsBefore);

    site.routes.set(ARTICLE_PATHS.cnClassic, { body: fixture('cn-classic/cn-classic-2023.html').replace('交通运输部官员说', '交通运输部发言人说') });
    const updated = await runCli([...fetchArgs(site, out), '--update']);
    expect(JSON.parse(updated.stdout)).toMatchObject({ updated: 1, written: 0 });
    expect(await readdir(join(out, '2023'))).toEqual(['2023-05-14-1400002.md']);
    expect(await readFile(join(out, '2023', '2023-05-14-1400002.md'), 'utf8')).toContain('交通运输部发言人说');
    expect((await readdir(out)).filter((name) => name.includes('1400002'))).toEqual([]);
  });
});

describe('fetch --update', () => {
  it('--limit caps the new articles only, so an update with a limit still gets to them', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    expect((await runCli(fetchArgs(site, out))).code).toBe(0);
    // The feed's last story is new to this directory.
    const last = (await readdir(out)).sort().find((name) => name.includes('1000004'))!;
    await rm(join(out, last));
    const result = await runCli([...fetchArgs(site, out), '--update', '--limit', '2']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 1, deferred: 0 });
    expect(await readdir(out)).toContain(last);
  });

  it('rewrites only posts whose article changed, and never a file zb-scrape did not write', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    const foreign = '---\ntitle: 旧工具写的\nfrom: https://www.zaobao.com/realtime/china/story20240220-4500003\n---\n正文\n';
    await writeFile(join(out, '2024-02-20-shenzhen-metro.md'), foreign);
    expect((await runCli(fetchArgs(site, out))).code).toBe(0);

    const unchanged = await runCli([...fetchArgs(site, out), '--update']);
    expect(unchanged.code).toBe(0);
    expect(JSON.parse(unchanged.stdout)).toMatchObject({ written: 0, updated: 0, skipped: 6 });

    const page = fixture('cn-classic/cn-classic-2023.html');
    site.routes.set(ARTICLE_PATHS.cnClassic, { body: page.replace('交通运输部官员说', '交通运输部发言人说') });
    const changed = await runCli([...fetchArgs(site, out), '--update']);
    expect(JSON.parse(changed.stdout)).toMatchObject({ written: 0, updated: 1, skipped: 5 });
    const posts = await readPosts(out);
    expect(posts.find((post) => post.name === '2023-05-14-1400002.md')!.body).toContain('交通运输部发言人说');
    expect(posts.find((post) => post.name === '2024-02-20-shenzhen-metro.md')!.raw).toBe(foreign);
    expect(await readdir(out)).toHaveLength(6);
  });

  it('keeps the whole post of a story that went behind the paywall since', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    expect((await runCli(fetchArgs(site, out))).code).toBe(0);
    const whole = (await readPosts(out)).find((post) => post.name === '2026-03-01-9500001.md')!.raw;
    const page = fixture('sg-react/sg-react-2026.html');
    site.routes.set(ARTICLE_PATHS.sgReact, { body: page.replace('"isAccessibleForFree": true', '"isAccessibleForFree": false').replace('新加坡金融管理局周五宣布维持货币政策不变', '改写后的第一段') });
    const result = await runCli([...fetchArgs(site, out), '--update', '--verbose']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ updated: 0, paywalled: 0 });
    expect(result.stderr).toMatch(/story20260301-9500001: now paywalled; the whole post already written is kept/);
    expect((await readPosts(out)).find((post) => post.name === '2026-03-01-9500001.md')!.raw).toBe(whole);
  });

  it('keeps the page-built post when the page fails during an update', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    await runCli(fetchArgs(site, out));
    const before = (await readPosts(out)).find((post) => post.name === '2024-02-20-4500003.md')!.raw;
    site.routes.set(ARTICLE_PATHS.cnAstro, { status: 403, body: 'blocked' });
    const result = await runCli([...fetchArgs(site, out), '--update']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).failures).toEqual([{ url: `https://www.zaobao.com${ARTICLE_PATHS.cnAstro}`, reason: 'HTTP 403' }]);
    expect((await readPosts(out)).find((post) => post.name === '2024-02-20-4500003.md')!.raw).toBe(before);
  });
});

describe('post formats and names', () => {
  it('--skip-paywalled leaves paywalled articles out and says so', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    const result = await runCli([...fetchArgs(site, out), '--skip-paywalled']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ written: 5, paywalled: 0, paywalledSkipped: [`https://www.zaobao.com.sg${ARTICLE_PATHS.sgReactPaywalled}`] });
    expect(await readdir(out)).not.toContain('2026-03-02-9500006.md');
  });

  it('--slug title names files after the title, with a suffix on collision, and later runs still know them', async () => {
    const site = await siteWithFeed();
    const out = await tempDir();
    await writeFile(join(out, '2024-02-20-深圳地铁新线开通-日均客流逾十万.md'), '---\ntitle: 同名的另一篇\n---\n');
    const result = await runCli([...fetchArgs(site, out), '--slug', 'title']);
    expect(result.code).toBe(0);
    const names = await readdir(out);
    expect(names).toContain('2026-03-01-金管局维持货币政策不变-新元-走强-分析.md');
    expect(names).toContain('2024-02-20-深圳地铁新线开通-日均客流逾十万-2.md');
    const again = await runCli([...fetchArgs(site, out), '--slug', 'title']);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, skipped: 6 });
  });

  it('--flavor hugo writes RFC 3339 dates and a slug into content/posts, without Liquid protection', async () => {
    const site = await siteWithFeed();
    const dir = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--feed', `${site.origin}/feeds/mixed.xml`, '--flavor', 'hugo', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const posts = await readPosts(join(dir, 'content/posts'));
    const sgReact = posts.find((post) => post.name === '2026-03-01-9500001.md')!;
    expect(sgReact.frontMatter).toMatchObject({ date: '2026-03-01T10:00:00+08:00', slug: '9500001', categories: ['联合早报', '新加坡'] });
    expect(sgReact.body).not.toContain('{% raw %}');
    expect(sgReact.body).toContain('{{ 利率 }}');
  });
});

describe('GitHub Actions job summary', () => {
  it('appends a Markdown table to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const site = await siteWithFeed();
    site.routes.set(ARTICLE_PATHS.sgDrupal, { status: 403 });
    const out = await tempDir();
    const summaryFile = join(await tempDir(), 'summary.md');
    await writeFile(summaryFile, '# earlier step\n');
    const result = await runCli(fetchArgs(site, out), { env: { GITHUB_STEP_SUMMARY: summaryFile } });
    expect(result.code).toBe(1);
    const markdown = await readFile(summaryFile, 'utf8');
    expect(markdown).toMatch(/^# earlier step\n### zb-scrape/);
    expect(markdown).toContain('| 6 | 5 | 0 | 0 | 1 | 1 | 0 |');
    expect(markdown).toContain(`| https://www.zaobao.com.sg${ARTICLE_PATHS.sgDrupal} | HTTP 403 |`);
  });
});
