import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, runCli, tempDir } from '../helpers/cli.js';
import { fixture, FIXTURES, startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { ARTICLE_PATHS, articleRoutes } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const frontMatterOf = (post: string) => YAML.parse(/^---\n([\s\S]*?)\n---\n/.exec(post)![1]!, { version: '1.1' });

describe('zb-scrape article', () => {
  it('prints the post for a saved page, reading its address from the page', async () => {
    const result = await runCli(['article', `${FIXTURES}cn-astro/cn-astro-2024.html`]);
    expect(result.code).toBe(0);
    expect(frontMatterOf(result.stdout)).toMatchObject({
      title: '深圳地铁新线开通 日均客流逾十万',
      date: '2024-02-20 18:05:00 +0800',
      from: 'https://www.zaobao.com/realtime/china/story20240220-4500003',
    });
  });

  it('stops quietly when its reader closes the pipe early (| head)', async () => {
    const child = spawn(process.execPath, [BIN, 'article', '--json', `${FIXTURES}sg-react/sg-react-2026.html`], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(code).toBe(0);
  });

  it('prints the article and its post as JSON, with times as ISO 8601 in Singapore time', async () => {
    const result = await runCli(['article', `${FIXTURES}cn-astro/cn-astro-2024.html`, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.fileName).toBe('2024-02-20-4500003.md');
    expect(json.article).toMatchObject({ title: '深圳地铁新线开通 日均客流逾十万', published: '2024-02-20T18:05:00+08:00' });
    expect(json.post).toMatch(/^---\nlayout: post\n/);
  });

  it('prints the post fetch would write: the config file\'s tags and categories, --flavor', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'zb-scrape.config.json'), JSON.stringify({ tags: ['zb'], categories: ['archive'], layout: 'news' }));
    const page = `${FIXTURES}cn-astro/cn-astro-2024.html`;
    const result = await runCli(['article', page], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    const frontMatter = frontMatterOf(result.stdout);
    expect(frontMatter).toMatchObject({ layout: 'news' });
    expect(frontMatter.tags).toContain('zb');
    expect(frontMatter.categories).toContain('archive');
    const hugo = await runCli(['article', page, '--flavor', 'hugo'], { cwd: dir });
    expect(frontMatterOf(hugo.stdout)).toMatchObject({ date: '2024-02-20T18:05:00+08:00', slug: '4500003' });
  });

  it('asks for --url when a saved page does not say its address', async () => {
    const page = `<html><head><meta property="og:title" content="无地址的文章"><meta property="article:published_time" content="2026-03-01T10:00:00+08:00"></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    const file = join(await tempDir(), 'page.html');
    await writeFile(file, page);
    const result = await runCli(['article', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`error: ${file} does not say its address (no og:url or ld+json url): give it with --url\n`);
    expect(result.stdout).toBe('');
  });

  it('says what it had to guess, as fetch does', async () => {
    const page = `<html><head><meta property="og:title" content="无日期的文章"></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    const file = join(await tempDir(), 'page.html');
    await writeFile(file, page);
    const result = await runCli(['article', file, '--url', 'https://www.zaobao.com.sg/news/china/story20260301-9500009']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: no publish time on the page: dated 2026-03-01 00:00 from the story id$/m);
  });

  it('fetches a URL through a mirror origin; the post keeps the public URL', async () => {
    server = await startSiteServer(articleRoutes());
    const url = `https://www.zaobao.com.sg${ARTICLE_PATHS.sgReact}?ref=share`;
    const result = await runCli(['article', url, '--origin', server.origin]);
    expect(result.code).toBe(0);
    expect(server.requests).toEqual(['/robots.txt', `${ARTICLE_PATHS.sgReact}?ref=share`]);
    expect(frontMatterOf(result.stdout).from).toBe(`https://www.zaobao.com.sg${ARTICLE_PATHS.sgReact}`);
  });

  it('reads the mirror from ZB_SCRAPE_ORIGIN', async () => {
    server = await startSiteServer(articleRoutes());
    const result = await runCli(['article', `https://www.zaobao.com${ARTICLE_PATHS.cnClassic}`], { env: { ZB_SCRAPE_ORIGIN: server.origin } });
    expect(result.code).toBe(0);
    expect(server.requests).toEqual(['/robots.txt', ARTICLE_PATHS.cnClassic]);
  });

  it('says what went wrong for an unreachable article', async () => {
    server = await startSiteServer({});
    const result = await runCli(['article', `https://www.zaobao.com${ARTICLE_PATHS.cnClassic}`, '--origin', server.origin]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/cannot fetch .*HTTP 404/);
  });

  it('rejects a target that is neither a file nor a URL', async () => {
    const result = await runCli(['article', 'no-such-file.html']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/neither a file nor an http\(s\) URL/);
  });
});

describe('zb-scrape sections, --help, --version', () => {
  it('lists the built-in sections with their sources', async () => {
    const result = await runCli(['sections']);
    expect(result.code).toBe(0);
    for (const name of ['china', 'world', 'singapore', 'sea', 'finance']) expect(result.stdout).toMatch(new RegExp(`^${name} \\(`, 'm'));
    const json = JSON.parse((await runCli(['sections', '--json'])).stdout);
    expect(json.find((section: { name: string }) => section.name === 'finance').listings).toContain('https://www.zaobao.com.sg/realtime/finance');
  });

  it('prints help and version with exit code 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    const fetchHelp = await runCli(['fetch', '--help']);
    expect(fetchHelp.code).toBe(0);
    expect(fetchHelp.stdout).toMatch(/--origin <url>/);
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('paths and bare invocations', () => {
  it('reads the config file\'s out and state relative to the file, wherever the command runs from', async () => {
    server = await startSiteServer({ '/feed.xml': { contentType: 'application/rss+xml', headers: { etag: '"1"' }, body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>t</title><link>https://www.zaobao.com${ARTICLE_PATHS.cnAstro}</link></item></channel></rss>` }, ...articleRoutes() });
    const site = await tempDir();
    await writeFile(join(site, 'zb-scrape.config.json'), JSON.stringify({ out: '_posts', state: '.cache/state.json', origin: server.origin, feeds: [`${server.origin}/feed.xml`] }));
    const elsewhere = await tempDir();
    const run = await runCli(['fetch', '--config', join(site, 'zb-scrape.config.json'), '--json'], { cwd: elsewhere });
    expect(run.code, run.stderr).toBe(0);
    expect(await readdir(join(site, '_posts'))).toHaveLength(1);
    expect(await readdir(join(site, '.cache'))).toEqual(['state.json']);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('refuses an empty path (exit 2), and a bare invocation prints help as a usage error', async () => {
    const empty = await runCli(['fetch', '--out', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/option '-o, --out <dir>' argument '' is invalid\. expected a path, not an empty string\./);
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: zb-scrape/);
    expect(bare.stdout).toBe('');
  });
});

describe('a site this machine cannot reach', () => {
  it('says so first, with the cause and what to try, and says what it reads before the first answer', async () => {
    const args = ['fetch', '--origin', 'http://127.0.0.1:9', '--section', 'china', '--out', await tempDir(), '--retries', '0'];
    const quiet = await runCli([...args, '--quiet']);
    expect(quiet.code).toBe(3);
    expect(quiet.stderr.split('\n')[0]).toMatch(/^error: cannot reach the mirror 127\.0\.0\.1:9 \(--origin\) with no proxy \(HTTPS_PROXY is not set\): the connection was refused \(.*ECONNREFUSED.*\); check that it serves the site's paths, or try a proxy \(HTTPS_PROXY\) or a feed this machine can reach \(--feed\)$/);
    const normal = await runCli(args);
    expect(normal.stderr.split('\n')[0]).toBe('reading the sources: china…');
    expect(normal.stderr).not.toMatch(/--ignore-robots/);
  });
});

describe('zb-scrape doctor', () => {
  it('reads every source of a section and the newest story of each edition, and says what it found', async () => {
    server = await startSiteServer({ '/rss/realtime/china': { body: fixture('feeds/rsshub-mixed.xml'), contentType: 'application/rss+xml' }, ...articleRoutes() });
    const result = await runCli(['doctor', '--origin', server.origin, '--section', 'china', '--retries', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^china: ok$/m);
    expect(result.stdout).toMatch(/^ {2}feed {4}https:\/\/www\.zaobao\.com\.sg\/rss\/realtime\/china {2}7 articles, newest 2026-03-02 \(stale\)$/m);
    expect(result.stdout).toMatch(/^ {2}listing https:\/\/www\.zaobao\.com\.sg\/news\/china {2}unreachable: HTTP 404$/m);
    expect(result.stdout).toMatch(/^ {2}story {3}https:\/\/www\.zaobao\.com\.sg\/news\/singapore\/story20260302-9500006 {2}sg-react; title yes, time yes, byline NO, tags yes, body \d+ chars, picture NO, paywalled yes$/m);
    expect(result.stdout).toMatch(/^ {2}story {3}https:\/\/www\.zaobao\.com\/realtime\/china\/story20240220-4500003 {2}cn-astro; title yes, time yes/m);

    const json = await runCli(['doctor', '--origin', server.origin, '--section', 'china', 'world', '--retries', '0', '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.ok).toBe(false);
    expect(report.sections.map((check: { section: string; ok: boolean }) => [check.section, check.ok])).toEqual([['china', true], ['world', false]]);
    expect(report.sections[1].sources.every((source: { reachable: boolean }) => !source.reachable)).toBe(true);
    expect(report.sections[0].stories[0]).toMatchObject({ edition: 'zaobao.com.sg', generation: 'sg-react', complete: true, found: { title: true, time: true } });
    expect(json.stderr).toBe('');
    const world = await runCli(['doctor', '--origin', server.origin, '--section', 'world', '--retries', '0']);
    expect(world.code).toBe(1);
    expect(world.stdout).toMatch(/^ {2}story {3}\(zaobao\.com\.sg\) {2}no story of zaobao\.com\.sg listed by any source$/m);
    expect(world.stderr).toBe('error: world: no source could be read\n');
    const offline = await runCli(['doctor', '--origin', 'http://127.0.0.1:9', '--section', 'world', '--retries', '0']);
    expect(offline.stderr).toMatch(/^error: cannot reach the mirror 127\.0\.0\.1:9 \(--origin\)/m);
  });
});

describe('article on a page --save-pages kept', () => {
  it('takes the address from the JSON saved beside it', async () => {
    const dir = await tempDir();
    const html = '<html><head><title>新版面</title></head><body><div><p>第一段，新的版面没有人认得它，文字要足够长。</p><p>第二段，正文继续。</p></div></body></html>';
    await writeFile(join(dir, '9000005.html'), html);
    await writeFile(join(dir, '9000005.json'), JSON.stringify({ url: 'https://www.zaobao.com.sg/news/sea/story20250101-9000005', status: 200 }));
    const result = await runCli(['article', join(dir, '9000005.html')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('from: https://www.zaobao.com.sg/news/sea/story20250101-9000005');
  });
});
