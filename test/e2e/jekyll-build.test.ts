/**
 * Posts written by zb-scrape build with a real Jekyll (Debian's `jekyll`, installed by .ci/run).
 * Without jekyll on the PATH the test is skipped locally, and fails in CI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { HOSTILE_STORIES, hostileRoutes } from '../helpers/hostile.js';
import { PICTURES, pictureSiteRoutes } from '../helpers/pictures.js';
import { FIXTURES, startSiteServer, type SiteServer } from '../helpers/site-server.js';

const hasJekyll = spawnSync('jekyll', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasJekyll && process.env.CI) throw new Error('CI must install jekyll (see .ci/run)');

function jekyllBuild(site: string, ...args: string[]): string {
  return execFileSync('jekyll', ['build', '--source', site, '--destination', join(site, '_site'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, JEKYLL_ENV: 'production', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
}

describe.skipIf(!hasJekyll)('jekyll build of zb-scrape posts', () => {
  let server: SiteServer;
  let site: string;
  let buildOutput: string;

  beforeAll(async () => {
    server = await startSiteServer(hostileRoutes());
    site = await tempDir('zb-scrape-jekyll-');
    cpSync(join(FIXTURES, 'jekyll-site'), site, { recursive: true });
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    buildOutput = jekyllBuild(site);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const rendered = (day: string, id: string) => readFileSync(join(site, '_site', ...day.split('-'), id, 'index.html'), 'utf8');

  it('builds, with every post on its Singapore day', async () => {
    expect(buildOutput).toMatch(/done in/);
    const posts = await readPosts(join(site, '_posts'));
    expect(posts.map((post) => post.name)).toEqual(['2026-03-14-9600001.md', '2026-03-15-9600002.md', '2026-03-16-9600003.md']);
    for (const post of posts) {
      const [day, id] = [post.name.slice(0, 10), post.name.slice(11, -3)];
      expect(existsSync(join(site, '_site', ...day.split('-'), id, 'index.html')), post.name).toBe(true);
    }
  });

  it('shows the hostile titles exactly', () => {
    const page = rendered('2026-03-14', '9600001');
    expect(page).toContain(`<h1 class="post-title">他说: &quot;我们会赢&quot; #1 [独家] - &#39;yes&#39; &amp; &lt;b&gt;粗&lt;/b&gt; 🎉</h1>`);
    expect(rendered('2026-03-15', '9600002')).toContain('<h1 class="post-title">yes</h1>');
    expect(rendered('2026-03-16', '9600003')).toContain('<h1 class="post-title">- 开头是破折号: 还有冒号</h1>');
  });

  it('shows Liquid-looking article text literally, a stray endraw included', () => {
    const page = rendered('2026-03-14', '9600001');
    expect(page).toContain('模板语法 {{ site.title }} 与 {% include nothing.html %} 应按原样显示。');
    expect(page).toContain('还有一个 {% endraw %} 字面量。');
    expect(rendered('2026-03-16', '9600003')).toContain('价格{{ 100 | plus: 1 }}不应被计算。');
    expect(page).not.toContain('{% raw %}');
  });

  it('keeps the exact instant, offset included', () => {
    expect(rendered('2026-03-14', '9600001')).toContain('2026-03-14 00:15 +0800');
    expect(rendered('2026-03-16', '9600003')).toContain('2026-03-16 00:00 +0800');
  });

  it('the story list matches what was fed', () => {
    expect(HOSTILE_STORIES).toHaveLength(3);
  });
});

describe.skipIf(!hasJekyll)('jekyll build of posts with their pictures kept (--images download), under a baseurl', () => {
  let server: SiteServer;
  let site: string;
  const BASEURL = '/archive';

  beforeAll(async () => {
    server = await startSiteServer(pictureSiteRoutes());
    site = await tempDir('zb-scrape-jekyll-pictures-');
    cpSync(join(FIXTURES, 'jekyll-site'), site, { recursive: true });
    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--images', 'download', '--delay', '0']);
    expect(result.code, result.stderr).toBe(0);
    jekyllBuild(site, '--baseurl', BASEURL);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** Every built page of a post, and the pictures it shows (its og:image too). */
  function builtPictures(): { page: string; src: string }[] {
    const pages = readdirSync(join(site, '_site'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name === 'index.html')
      .map((entry) => join(entry.parentPath, entry.name));
    expect(pages).toHaveLength(2);
    return pages.flatMap((page) => {
      const html = readFileSync(page, 'utf8');
      expect(html).not.toMatch(/relative_url|\{% (end)?raw %\}/);
      return [...html.matchAll(/<img[^>]* src="([^"]+)"|property="og:image" content="([^"]+)"/g)].map((match) => ({ page, src: (match[1] ?? match[2])! }));
    });
  }

  it('shows every kept picture from a file of the built site, under the baseurl', () => {
    const pictures = builtPictures();
    const local = pictures.filter(({ src }) => !/^https?:/.test(src));
    // Lead (og:image and top of the body), figure and shared picture in one post; the shared one in the other.
    expect(local.length).toBe(5);
    for (const { page, src } of local) {
      expect(src, page).toMatch(new RegExp(`^${BASEURL}/assets/zaobao/2026/9700001/`));
      expect(existsSync(join(site, '_site', src.slice(BASEURL.length))), src).toBe(true);
    }
    // What was not kept is linked where it is, on the site's hosts or elsewhere: never a broken local link.
    expect(pictures.filter(({ src }) => /^https?:/.test(src)).map(({ src }) => src).sort()).toEqual([PICTURES.notAPicture, PICTURES.offSite, PICTURES.svg].sort());
  });
});
