/**
 * Fault injection: a site that fails in every way a real one does. The recoverable articles
 * are written, the others are named with a reason, nothing partial is left behind, and a
 * rerun picks up what failed.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { astroPage, rssFeed } from '../helpers/pages.js';
import { fixture, startSiteServer, type Route, type SiteServer } from '../helpers/site-server.js';
import { ARTICLE_PATHS } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const story = (n: number) => `/news/china/story20260310-97000${String(n).padStart(2, '0')}`;
const page = (n: number, published = '2026-03-10T12:00:00+08:00') =>
  astroPage({ path: story(n), title: `故障测试 ${n}`, published, paragraphs: [`第 ${n} 篇文章的正文。`] });

/** A route that fails `times` times in the given way, then serves the page. */
function flaky(times: number, fail: Route['handle'], body: string): Route {
  let calls = 0;
  return {
    handle: (request, response) => {
      if (calls++ < times) fail!(request, response);
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    },
  };
}

const FAULTS = {
  unavailableTwice: 1,
  rateLimited: 2,
  neverAnswers: 3,
  resetConnection: 4,
  truncatedBody: 5,
  notFound: 6,
  redirectLoop: 7,
  hugePage: 8,
  invalidDate: 9,
  otherCharset: 10,
  healthy: 11,
} as const;

/** 中国新闻 in GBK, with its page declaring the charset only in a meta tag. */
const GBK_TITLE = Buffer.from([0xd6, 0xd0, 0xb9, 0xfa, 0xd0, 0xc2, 0xce, 0xc5]);
function gbkPage(): Buffer {
  const ld = JSON.stringify({ '@type': 'NewsArticle', datePublished: '2026-03-10T12:00:00+08:00', url: `https://www.zaobao.com.sg${story(FAULTS.otherCharset)}` });
  return Buffer.concat([
    Buffer.from(`<html><head><meta charset="gbk"><script type="application/ld+json">${ld}</script><title>`),
    GBK_TITLE,
    Buffer.from('</title></head><body><article><h1 data-testid="article-title">'),
    GBK_TITLE,
    Buffer.from('</h1><div class="article-body"><p>'),
    GBK_TITLE,
    Buffer.from('</p></div></article></body></html>'),
  ]);
}

function faultySite(): Record<string, Route> {
  const feedItems = Object.values(FAULTS).map((n) => `<item><title>t${n}</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`);
  feedItems.push('<item><title>off-site</title><link>http://169.254.169.254/news/china/story20260310-9700099</link></item>');
  return {
    '/feed.xml': { contentType: 'application/rss+xml', body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${feedItems.join('')}</channel></rss>` },
    '/broken.xml': { contentType: 'application/rss+xml', body: '<?xml version="1.0"?><rss><channel><item><title>unclosed' },
    '/html-feed': { body: '<!DOCTYPE html><html><body>不是订阅源</body></html>' },
    [story(FAULTS.unavailableTwice)]: flaky(2, (_, response) => response.writeHead(503).end('busy'), page(FAULTS.unavailableTwice)),
    [story(FAULTS.rateLimited)]: flaky(1, (_, response) => response.writeHead(429, { 'retry-after': '1' }).end(), page(FAULTS.rateLimited)),
    [story(FAULTS.neverAnswers)]: { handle: () => {} },
    [story(FAULTS.resetConnection)]: { handle: (request) => request.socket.destroy() },
    [story(FAULTS.truncatedBody)]: {
      handle: (_, response) => {
        response.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' });
        response.write(page(FAULTS.truncatedBody).slice(0, 200));
        setTimeout(() => response.socket?.destroy(), 20);
      },
    },
    [story(FAULTS.notFound)]: { status: 404, body: 'gone' },
    [story(FAULTS.redirectLoop)]: { status: 302, headers: { location: story(FAULTS.redirectLoop) } },
    [story(FAULTS.hugePage)]: { body: `<html><body>${'<p>大</p>'.repeat(20 * 1024 * 1024 / 9)}</body></html>` },
    [story(FAULTS.invalidDate)]: { body: page(FAULTS.invalidDate, 'not a date') },
    [story(FAULTS.otherCharset)]: { body: gbkPage(), contentType: 'text/html' },
    [story(FAULTS.healthy)]: { body: page(FAULTS.healthy) },
  };
}

const args = (site: SiteServer, out: string) => [
  'fetch', '--origin', site.origin, '--feed', `${site.origin}/feed.xml`, `${site.origin}/broken.xml`, `${site.origin}/html-feed`,
  '--out', out, '--json', '--timeout', '1500', '--retries', '2', '--concurrency', '6',
];

const publicUrl = (n: number) => `https://www.zaobao.com.sg${story(n)}`;

describe('fault injection', () => {
  it('writes what it can, names what failed and why, leaves nothing partial, and a rerun picks up the rest', async () => {
    server = await startSiteServer(faultySite());
    const out = await tempDir();
    const started = Date.now();
    const result = await runCli(args(server, out));
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const summary = JSON.parse(result.stdout);

    const failures = Object.fromEntries(summary.failures.map((failure: { url: string; reason: string }) => [failure.url, failure.reason]));
    expect(failures).toEqual({
      [publicUrl(FAULTS.neverAnswers)]: 'timed out after 1500 ms',
      [publicUrl(FAULTS.resetConnection)]: expect.stringMatching(/socket|ECONNRESET|closed/i),
      [publicUrl(FAULTS.truncatedBody)]: expect.stringMatching(/body incomplete|socket|closed|terminated/i),
      [publicUrl(FAULTS.redirectLoop)]: 'more than 5 redirects',
      [publicUrl(FAULTS.hugePage)]: expect.stringMatching(/exceeds the 10485760-byte cap/),
    });
    expect(summary.written).toBe(5);
    // A 404 is a story gone, not a failure: the state asks for it again after a day.
    expect(summary.gone).toEqual([publicUrl(FAULTS.notFound)]);

    const posts = await readPosts(out);
    expect(posts.map((post) => post.frontMatter.title).sort()).toEqual(['中国新闻', '故障测试 1', '故障测试 11', '故障测试 2', '故障测试 9'].sort());
    // The invalid date falls back to the story id's day, and says so.
    expect(posts.find((post) => post.frontMatter.title === '故障测试 9')!.frontMatter.date).toBe('2026-03-10 00:00:00 +0800');
    expect(result.stderr).toMatch(/no publish time on the page: dated 2026-03-10/);
    // Sources: a malformed feed and an HTML page are reported, not fatal.
    expect(result.stderr).toMatch(/broken\.xml is not valid RSS\/Atom/);
    expect(result.stderr).toMatch(/html-feed returned an HTML page instead of a feed/);
    // Off-site and link-local addresses are never fetched.
    expect(result.stderr).toMatch(/skipped not a Zaobao host: http:\/\/169\.254\.169\.254/);
    // 503 twice then 200: three requests; the 429's Retry-After of 1 s was waited.
    expect(server.requests.filter((path) => path === story(FAULTS.unavailableTwice))).toHaveLength(3);
    expect(server.requests.filter((path) => path === story(FAULTS.notFound))).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThan(1000);
    expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);

    // The site recovers: the rerun fetches only what failed; the gone story waits for its day.
    const failed = [FAULTS.neverAnswers, FAULTS.resetConnection, FAULTS.truncatedBody, FAULTS.redirectLoop, FAULTS.hugePage];
    for (const n of [...failed, FAULTS.notFound]) server.routes.set(story(n), { body: page(n) });
    const before = server.requests.length;
    const rerun = await runCli(args(server, out));
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ written: 5, skipped: 5, failed: 0, gone: [publicUrl(FAULTS.notFound)] });
    expect(server.requests.slice(before).filter((path) => path.includes('story')).sort()).toEqual(failed.map(story).sort());
  }, 60_000);
});

describe('redirects', () => {
  it('follows a redirect within the site (onto the mirror), and never one off it', async () => {
    const elsewhere = await startSiteServer({ [story(31)]: { body: page(31) } });
    try {
      server = await startSiteServer({
        '/feed.xml': {
          contentType: 'application/rss+xml',
          body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[30, 31]
            .map((n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`)
            .join('')}</channel></rss>`,
        },
        // The other edition's address is fetched from the mirror too.
        [story(30)]: { status: 301, headers: { location: `https://www.zaobao.com${story(32)}` } },
        [story(32)]: { body: page(30) },
        [story(31)]: { status: 302, headers: { location: `${elsewhere.origin}${story(31)}` } },
      });
      const out = await tempDir();
      const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json']);
      expect(result.code, result.stderr).toBe(1);
      const summary = JSON.parse(result.stdout);
      expect(summary.written).toBe(1);
      expect(summary.failures).toEqual([{ url: publicUrl(31), reason: `redirected off the site, to ${elsewhere.origin}` }]);
      expect(elsewhere.requests).toEqual([]);

      // A mirror on a port of its own: the same host on a default port is another server.
      server.routes.set(story(31), { status: 301, headers: { location: `http://127.0.0.1${story(31)}` } });
      const otherPort = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--retries', '0']);
      expect(JSON.parse(otherPort.stdout).failures).toEqual([{ url: publicUrl(31), reason: 'redirected off the site, to http://127.0.0.1' }]);
    } finally {
      await elsewhere.close();
    }
  });
});

const BIN = fileURLToPath(new URL('../../bin/zb-scrape.js', import.meta.url));

describe('interruption and the directory lock', () => {
  function slowSite(): Record<string, Route> {
    const routes: Record<string, Route> = {
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${Array.from({ length: 20 }, (_, n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n + 20)}</link></item>`).join('')}</channel></rss>`,
      },
    };
    for (let n = 20; n < 40; n++) {
      routes[story(n)] = { handle: (_, response) => setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(n)), 300) };
    }
    return routes;
  }

  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops the run, finishes what is being written, prints the summary and exits 130', async (signal) => {
    server = await startSiteServer(slowSite());
    const out = await tempDir();
    const child = spawn(process.execPath, [BIN, 'fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--concurrency', '2', '--verbose'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // Interrupt once the run is under way (a post written), however slowly this machine started it.
    let signalled = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!signalled && /wrote /.test(chunk.toString())) {
        signalled = true;
        child.kill(signal);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    const summary = JSON.parse(stdout);
    expect(summary.interrupted).toBe(true);
    expect(summary.written).toBeGreaterThan(0);
    expect(summary.written).toBeLessThan(20);
    const names = await readdir(out);
    expect(names.filter((name) => name.startsWith('.'))).toEqual([]); // no temp file, no lock
    expect(await readPosts(out)).toHaveLength(summary.written); // every post complete

    const rerun = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json']);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ written: 20 - summary.written, skipped: summary.written });
  }, 30_000);

  it('SIGINT while the sources are read is a stop (130), not sources that failed (3)', async () => {
    const held: Array<() => void> = [];
    server = await startSiteServer({ '/feed.xml': { handle: (_, response) => held.push(() => response.destroy()) } });
    const out = await tempDir();
    const child = spawn(process.execPath, [BIN, 'fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    while (!server.requests.includes('/feed.xml')) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    held.forEach((release) => release());
    expect(code).toBe(130);
    expect(JSON.parse(stdout)).toMatchObject({ interrupted: true, written: 0 });
    expect(stderr).toMatch(/^zb-scrape: interrupted: 0 discovered;/m);
    expect(stderr).not.toMatch(/no source could be read/);
  });

  it('keeps a second run out of a directory in use, and takes over a stale lock', async () => {
    server = await startSiteServer(slowSite());
    const out = await tempDir();
    await writeFile(`${out}/.zb-scrape.lock`, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() }));
    const blocked = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(new RegExp(`another zb-scrape run \\(pid ${process.pid}`));
    expect(server.requests).toEqual([]);

    // A crashed run: its process is gone, its temporary file is still there.
    await writeFile(`${out}/.zb-scrape.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: new Date().toISOString() }));
    await writeFile(`${out}/.zb-scrape-2026-03-10-9700020.md.1.ab.tmp`, 'half a post');
    const recovered = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--limit', '1']);
    expect(recovered.code).toBe(0);
    expect(recovered.stderr).toMatch(/took over a stale lock/);
    expect(recovered.stderr).toMatch(/removed 1 temporary files/);
    expect((await readdir(out)).filter((name) => name.startsWith('.'))).toEqual([]);
  });
});

describe('compressed responses', () => {
  it('decodes gzip and brotli bodies, refuses a decompression bomb, and prints no runtime warning', async () => {
    const { gzipSync, brotliCompressSync } = await import('node:zlib');
    const compressed = (n: number, encoding: 'gzip' | 'br'): Route => ({
      body: encoding === 'gzip' ? gzipSync(page(n)) : brotliCompressSync(page(n)),
      headers: { 'content-encoding': encoding },
    });
    server = await startSiteServer({
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[41, 42, 43].map((n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`).join('')}</channel></rss>`,
      },
      [story(41)]: compressed(41, 'gzip'),
      [story(42)]: compressed(42, 'br'),
      [story(43)]: { body: gzipSync(Buffer.alloc(30 * 1024 * 1024, 0x20)), headers: { 'content-encoding': 'gzip' } },
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json']);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.written).toBe(2);
    expect(summary.failures).toEqual([{ url: publicUrl(43), reason: 'response exceeds the 10485760-byte cap once decompressed' }]);
    expect(result.stderr).not.toMatch(/Warning/);
  });
});

describe('hostile sites: requests stay on the site', () => {
  const xml = { contentType: 'application/xml' };
  const urlset = (paths: string[]) =>
    `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((path) => `<url><loc>https://www.zaobao.com.sg${path}</loc></url>`).join('')}</urlset>`;

  it('never reads a sitemap that the index places on another host; the month is asked for on the site', async () => {
    const elsewhere = await startSiteServer({ '/sitemaps/sitemap-202603.xml': { ...xml, body: urlset([story(50)]) } });
    try {
      const other = new URL(elsewhere.origin);
      server = await startSiteServer({
        '/sitemap.xml': {
          ...xml,
          body: `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>${elsewhere.origin}/sitemaps/sitemap-202603.xml</loc></sitemap>
            <sitemap><loc>http://169.254.169.254/sitemaps/sitemap-202603.xml</loc></sitemap></sitemapindex>`,
        },
        '/sitemaps/sitemap-202603.xml': { ...xml, body: urlset([story(51)]) },
        [story(51)]: { body: page(51) },
      });
      const out = await tempDir();
      const result = await runCli(['fetch', '--origin', server.origin, '--section', 'china', '--from', '2026-03-10', '--to', '2026-03-10', '--out', out, '--json', '--timeout', '2000']);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ written: 1 });
      expect(elsewhere.requests).toEqual([]);
      expect(result.stderr).toContain(`skipped sitemap not on the site: http://${other.host}/sitemaps/sitemap-202603.xml`);
      expect(result.stderr).toContain('skipped sitemap not on the site: http://169.254.169.254/sitemaps/sitemap-202603.xml');
      expect(server.requests).toContain('/sitemaps/sitemap-202603.xml');
    } finally {
      await elsewhere.close();
    }
  });

  /**
   * A feed on a public host, reached through a proxy (this server, which tunnels CONNECT to
   * itself), redirecting into this machine.
   */
  async function publicFeedRedirectingTo(location: (site: SiteServer) => string): Promise<{ proxy: SiteServer; site: SiteServer }> {
    const site = await startSiteServer({ '/internal.xml': { contentType: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>' } });
    const proxy = await startSiteServer({ '/feed.xml': { handle: (_request, response) => response.writeHead(302, { location: location(site) }).end() } });
    return { proxy, site };
  }

  it.each([
    ['an address', (site: SiteServer) => `${site.origin}/internal.xml`],
    ['a name that resolves to one', (site: SiteServer) => `http://localhost:${new URL(site.origin).port}/internal.xml`],
  ])('never follows a public feed redirecting into a private network: %s', async (_, location) => {
    const { proxy, site } = await publicFeedRedirectingTo(location);
    server = proxy;
    try {
      const out = await tempDir();
      const result = await runCli(['fetch', '--feed', 'http://feeds.example/feed.xml', '--out', out, '--json'], { env: { HTTP_PROXY: proxy.origin } });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/feed http:\/\/feeds\.example\/feed\.xml redirected into a private network, to http:\/\/(127\.0\.0\.1|localhost):\d+/);
      expect(site.requests).toEqual([]);
    } finally {
      await site.close();
    }
  });

  it('follows a feed given on this machine wherever it redirects on it', async () => {
    const { proxy, site } = await publicFeedRedirectingTo((site) => `http://localhost:${new URL(site.origin).port}/internal.xml`);
    server = proxy;
    try {
      const out = await tempDir();
      const result = await runCli(['fetch', '--feed', `${proxy.origin}/feed.xml`, '--out', out, '--json']);
      expect(result.code, result.stderr).toBe(0);
      expect(site.requests).toEqual(['/internal.xml']);
    } finally {
      await site.close();
    }
  });
});

describe('hostile sites: impossible publish times', () => {
  it('dates a story whose page gives year 1 or year 10000 by its id, names it for Jekyll, and writes it once', async () => {
    const sgReact = fixture('sg-react/sg-react-2026.html')
      .replace('create_time\\": 1772330400', 'create_time\\": 253402300800')
      .replace('"datePublished": "2026-03-01T02:00:00.000Z"', '"datePublished": "0001-01-01T00:00:00"');
    const astro = astroPage({ path: story(60), title: '年代错乱', published: '0001-01-01T00:00:00', paragraphs: ['正文。'] });
    server = await startSiteServer({
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
          <item><title>t</title><link>https://www.zaobao.com.sg${ARTICLE_PATHS.sgReact}</link></item>
          <item><title>t</title><link>https://www.zaobao.com.sg${story(60)}</link><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate></item></channel></rss>`,
      },
      [ARTICLE_PATHS.sgReact]: { body: sgReact },
      [story(60)]: { body: astro },
    });
    const out = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['2026-03-01-9500001.md', '2026-03-10-9700060.md']));
    expect(first.stderr).toContain('publish time "253402300800" is impossible: dated 2026-03-01 00:00 from the story id');
    expect(first.stderr).toContain('publish time "0001-01-01T00:00:00" is impossible: dated 2026-03-10 00:00 from the story id');
    const second = await runCli(args);
    expect(JSON.parse(second.stdout)).toMatchObject({ written: 0, skipped: 2 });
    expect((await readdir(out)).filter((name) => name.endsWith('.md'))).toHaveLength(2);
  });
});

describe('hostile sites: a time weeks before the story', () => {
  it('dates the story by its id, so that a post named by title is found again and written once', async () => {
    // The story's id says 2026-03-10; its page says seven weeks earlier.
    const astro = astroPage({ path: story(61), title: '时间错乱的新闻', published: '2026-01-20T10:00:00+08:00', paragraphs: ['正文。'] });
    server = await startSiteServer({
      '/feed.xml': { contentType: 'application/rss+xml', body: rssFeed([story(61)]) },
      [story(61)]: { body: astro },
    });
    const out = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--slug', 'title', '--json'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('publish time "2026-01-20T10:00:00+08:00" is impossible: dated 2026-03-10 00:00 from the story id');
    expect((await readdir(out)).filter((name) => name.endsWith('.md'))).toEqual(['2026-03-10-时间错乱的新闻.md']);
    const second = await runCli(args);
    expect(JSON.parse(second.stdout)).toMatchObject({ written: 0, skipped: 1 });
  });
});

describe('hostile sites: bounded work per page', () => {
  it('refuses pages too complex to clean in time, with the reason, and writes the others', async () => {
    const body = (inner: string) => `<!DOCTYPE html><html><head><title>t</title></head><body><article><h1 data-testid="article-title">复杂</h1><div class="article-body">${inner}</div></article></body></html>`;
    server = await startSiteServer({
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[70, 71, 72, 73, 74]
          .map((n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`)
          .join('')}</channel></rss>`,
      },
      [story(70)]: { body: body('<div>'.repeat(200_000)) },
      [story(71)]: { body: body('<p>' + '<i>斜</i>'.repeat(100_000) + '</p>') },
      // Under the limits: 20,000 runs of emphasis side by side become one, in linear time.
      [story(72)]: { body: page(72).replace('第 72 篇文章的正文。', `${'<i>斜</i>'.repeat(20_000)}`) },
      [story(73)]: { body: page(73) },
      [story(74)]: { body: body('<p>' + '<br>'.repeat(40_000) + '</p>') },
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.written).toBe(2);
    expect([...summary.failures].sort((a, b) => a.url.localeCompare(b.url))).toEqual([
      { url: publicUrl(70), reason: 'page too complex: elements nested more than 256 deep' },
      { url: publicUrl(71), reason: 'page too complex: more than 100,000 end tags' },
      { url: publicUrl(74), reason: 'page too complex: more than 30,000 elements' },
    ]);
    const posts = await readPosts(out);
    expect(posts.find((post) => post.name.endsWith('9700072.md'))!.body).toContain(`*${'斜'.repeat(20_000)}*`);
  });

  it('refuses a sitemap of endlessly nested tags at once', async () => {
    server = await startSiteServer({
      '/sitemap.xml': { contentType: 'application/xml', body: '<?xml version="1.0"?><sitemapindex></sitemapindex>' },
      '/sitemaps/sitemap-202603.xml': { contentType: 'application/xml', body: `<?xml version="1.0"?><urlset>${'<url><loc>x'.repeat(300_000)}` },
    });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--section', 'china', '--from', '2026-03-10', '--to', '2026-03-10', '--out', out, '--json', '--verbose']);
    expect(result.stderr).toContain('is no sitemap: tags nested more than 32 deep');
  });
});

describe('hostile sites: broken state, odd paths and bad input', () => {
  const feed = (n: number): Route => ({
    contentType: 'application/rss+xml',
    headers: { etag: '"v1"' },
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item></channel></rss>`,
  });

  it('drops damaged entries of the state file instead of failing every later save, and never echoes its bytes', async () => {
    server = await startSiteServer({ '/feed.xml': feed(80), [story(80)]: { body: page(80) } });
    const out = await tempDir();
    const statePath = join(out, '..', 'state.json');
    await writeFile(statePath, JSON.stringify({ version: 1, sources: { broken: null, other: 'x' }, robots: { nothing: null } }));
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', statePath, '--json'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(/could not save/);
    const saved = JSON.parse(await readFile(statePath, 'utf8'));
    expect(Object.keys(saved.sources)).toHaveLength(1);
    expect(Object.values(saved.sources)[0]).toMatchObject({ etag: '"v1"' });

    await writeFile(statePath, 'SECRET-TOKEN-0123456789 is not JSON');
    const second = await runCli(args);
    expect(second.stderr).toContain(`${statePath} ignored: not valid JSON`);
    expect(second.stderr).not.toContain('SECRET');
  });

  it('names an output directory that cannot be made (exit 2), without a stack trace', async () => {
    const result = await runCli(['fetch', '--feed', 'http://127.0.0.1:9/feed.xml', '--out', '/proc/zb-scrape-test/_posts'], { exitWithinMs: 20_000 });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write to the output directory \/proc\/zb-scrape-test\/_posts: ENOENT[^\n]*; nothing was fetched\n$/);
  });

  it('refuses a user agent with a line break at validation (exit 2), from the flag or the config file', async () => {
    const flag = await runCli(['fetch', '--feed', 'http://127.0.0.1:9/feed.xml', '--user-agent', 'bot\r\nX-Injected: 1', '--dry-run']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('the user agent "bot\\r\\nX-Injected: 1" holds a line break or another control character');
    const dir = await tempDir();
    await writeFile(join(dir, 'zb-scrape.config.json'), JSON.stringify({ userAgent: 'bot\nX: 1' }));
    const config = await runCli(['fetch', '--feed', 'http://127.0.0.1:9/feed.xml', '--dry-run'], { cwd: dir });
    expect(config.code).toBe(2);
  });

  it('says where a redirect to a file: address went', async () => {
    server = await startSiteServer({ '/feed.xml': feed(81), [story(81)]: { status: 302, headers: { location: 'file:///etc/passwd' } } });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--no-state']);
    expect(JSON.parse(result.stdout).failures).toEqual([{ url: publicUrl(81), reason: 'redirected to a file: address (file:///etc/passwd), which is not fetched' }]);
  });

  /** A file system of 64 KiB, where there is a root to mount one (CI runs as root). */
  async function tinyDisk(): Promise<{ dir: string; release: () => Promise<void> } | undefined> {
    if (process.getuid?.() !== 0) return undefined;
    const dir = await tempDir();
    const mounted = await new Promise<boolean>((resolve) => execFile('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], (error) => resolve(!error)));
    if (!mounted) return undefined;
    return { dir, release: () => new Promise<void>((resolve) => execFile('umount', [dir], () => resolve())) };
  }

  it('leaves no temporary file behind when the disk is full, posts and state file alike', async (context) => {
    const disk = await tinyDisk();
    if (!disk) return context.skip();
    try {
      const long = astroPage({ path: story(82), title: '长文', published: '2026-03-10T12:00:00+08:00', paragraphs: ['字'.repeat(200_000)] });
      server = await startSiteServer({ '/feed.xml': feed(82), [story(82)]: { body: long } });
      const out = join(disk.dir, '_posts');
      const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json']);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).failures[0].reason).toMatch(/ENOSPC/);
      const left = [...(await readdir(out)), ...(await readdir(disk.dir))].filter((name) => name.endsWith('.tmp'));
      expect(left).toEqual([]);
    } finally {
      await disk.release();
    }
  });
});

describe('stories that are gone', () => {
  it('records a 404 or 410 in the state, exits 0, skips the story for a day, then asks again', async () => {
    server = await startSiteServer({
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[90, 91, 92].map((n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`).join('')}</channel></rss>`,
      },
      [story(90)]: { status: 404, body: 'gone' },
      [story(91)]: { status: 410, body: 'gone for good' },
      [story(92)]: { body: page(92) },
    });
    const out = await tempDir();
    const statePath = join(out, '..', 'state.json');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--state', statePath, '--json'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ written: 1, failed: 0 });
    expect([...summary.gone].sort()).toEqual([publicUrl(90), publicUrl(91)]);
    const state = JSON.parse(await readFile(statePath, 'utf8'));
    expect(state.gone['9700090']).toMatchObject({ url: publicUrl(90), status: 404, times: 1 });

    const before = server.requests.length;
    const second = await runCli(args);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ written: 0, gone: [publicUrl(90), publicUrl(91)] });
    expect(server.requests.slice(before).filter((path) => path.includes('story'))).toEqual([]);

    // A day later, the 404 is asked for again, and it is back.
    state.gone['9700090'].lastTried = new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString();
    await writeFile(statePath, JSON.stringify(state));
    server.routes.set(story(90), { body: page(90) });
    const third = await runCli(args);
    expect(JSON.parse(third.stdout)).toMatchObject({ written: 1, gone: [publicUrl(91)] });
    expect(JSON.parse(await readFile(statePath, 'utf8')).gone).not.toHaveProperty('9700090');
  });
});

describe('run health and --save-pages', () => {
  it('counts pages per generation, says at once when the layout has likely changed, and keeps the pages it could not read', async () => {
    const unknown = (n: number) => `<html><head><title>新版面 ${n}</title></head><body><main><div class="x"><p>第 ${n} 篇，新的版面没有人认得它。</p><p>第二段。</p></div></main></body></html>`;
    server = await startSiteServer({
      '/feed.xml': {
        contentType: 'application/rss+xml',
        body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${[100, 101, 102, 103].map((n) => `<item><title>t</title><link>https://www.zaobao.com.sg${story(n)}</link></item>`).join('')}</channel></rss>`,
      },
      [story(100)]: { body: unknown(100), headers: { 'x-served-by': 'cache-1' } },
      [story(101)]: { body: unknown(101) },
      [story(102)]: { body: '<html><body><nav>菜单</nav></body></html>' },
      [story(103)]: { body: page(103) },
    });
    const out = await tempDir();
    const saved = join(await tempDir(), 'pages');
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json', '--save-pages', saved]);
    expect(result.code).toBe(1);
    const { health } = JSON.parse(result.stdout);
    expect(health).toMatchObject({ status: 'degraded', pages: 4, generations: { generic: 2, 'cn-astro': 1 }, generic: 2, unreadable: [publicUrl(102)] });
    expect([...health.missing.published].sort()).toEqual([publicUrl(100), publicUrl(101)]);
    expect(result.stderr).toContain(`warning: the site's layout has likely changed (3 of 4 pages matched no known layout; 2 of 4 had no publish time): the pages are saved in ${saved}; please report it at https://github.com/zb-scrape/zb-scrape/issues`);
    expect((await readdir(saved)).sort()).toEqual(['97000100.html', '97000100.json', '97000101.html', '97000101.json', '97000102.html', '97000102.json']);
    expect(await readFile(join(saved, '97000100.html'), 'utf8')).toBe(unknown(100));
    expect(JSON.parse(await readFile(join(saved, '97000100.json'), 'utf8'))).toMatchObject({
      url: publicUrl(100), status: 200, generation: 'generic', reason: 'no known page layout matched', headers: { 'x-served-by': 'cache-1' },
    });
    expect(JSON.parse(await readFile(join(saved, '97000102.json'), 'utf8'))).toMatchObject({ url: publicUrl(102), generation: 'generic', reason: expect.stringMatching(/no title|no article body/) });
  });

  it('is ok, and saves nothing, when the known layouts read the pages', async () => {
    server = await startSiteServer({
      '/feed.xml': { contentType: 'application/rss+xml', body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>t</title><link>https://www.zaobao.com.sg${story(104)}</link></item></channel></rss>` },
      [story(104)]: { body: page(104) },
    });
    const saved = join(await tempDir(), 'pages');
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', await tempDir(), '--json', '--save-pages', saved]);
    expect(JSON.parse(result.stdout).health).toMatchObject({ status: 'ok', pages: 1, generations: { 'cn-astro': 1 }, generic: 0, unreadable: [] });
    expect(result.stderr).not.toMatch(/layout has likely changed/);
    expect(existsSync(saved)).toBe(false);
  });
});
