/** --images download: every picture of a post kept with the site, once, and only real pictures of the site. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readPosts, runCli, tempDir } from '../helpers/cli.js';
import { GIF, isPictureRequest, JPEG, mirrorPath, PICTURES, pictureSiteRoutes, PNG, STORIES } from '../helpers/pictures.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A Jekyll site's root with an empty _posts, and the fetch arguments that fill it. */
async function site() {
  const root = await tempDir('zb-scrape-pictures-');
  await mkdir(join(root, '_posts'));
  return root;
}

const fetchArgs = (root: string, ...more: string[]) => ['fetch', '--origin', server!.origin, '--feed', `${server!.origin}/feed.xml`, '--out', join(root, '_posts'), '--delay', '0', '--json', ...more];

/** Every file under a folder, as paths relative to it. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('fetch --images download (Jekyll)', () => {
  it('keeps each picture once under assets/zaobao/<YYYY>/<story id>/ and links it through relative_url', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await site();
    const result = await runCli(fetchArgs(root, '--images', 'download'));
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.written).toBe(2);
    expect(summary.imagesSaved).toBe(3);
    expect(summary.imagesBytes).toBe(JPEG.length + PNG.length + GIF.length);

    const files = filesUnder(join(root, 'assets'));
    expect(files).toHaveLength(3);
    expect(files.every((file) => file.startsWith('zaobao/2026/9700001/'))).toBe(true);
    expect(files.map((file) => file.replace(/-[0-9a-f]{12}\./, '.'))).toEqual(['zaobao/2026/9700001/figure.png', 'zaobao/2026/9700001/lead-photo.jpg', 'zaobao/2026/9700001/shared.gif']);
    const shared = files.find((file) => file.endsWith('.gif'))!;
    expect(readFileSync(join(root, 'assets', shared))).toEqual(GIF);
    // The picture both stories show was asked for once.
    expect(server.requestsFor(mirrorPath(PICTURES.shared))).toHaveLength(1);

    const [first, second] = await readPosts(join(root, '_posts'));
    const link = (file: string) => `{{ '/assets/${file}' | relative_url }}`;
    expect(first!.frontMatter.image).toBe(`/assets/${files.find((file) => file.endsWith('.jpg'))}`);
    // The body is protected from Liquid (its text holds {{ }}): the links stand outside the raw block.
    expect(first!.body).toContain(`![图一]({% endraw %}${link(files.find((file) => file.endsWith('.png'))!)}{% raw %})`);
    expect(first!.body).toContain(`![共用]({% endraw %}${link(shared)}{% raw %})`);
    expect(second!.body).toContain(`![共用](${link(shared)})`);
    expect(second!.body).not.toContain('{% raw %}');
  });

  it('keeps no SVG, no page sent as a picture, nothing off the site; those links stay and are reported', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await site();
    const jobSummary = join(root, 'job-summary.md');
    const result = await runCli(fetchArgs(root, '--images', 'download'), { env: { GITHUB_STEP_SUMMARY: jobSummary } });
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(jobSummary, 'utf8')).toMatch(/Pictures kept: 3 \(\d+ kB\); not kept: 2\.\n- https:\/\/static\.zaobao\.com\/s3fs-public\/2026-03\/(chart\.svg|error\.jpg) \(in https:\/\/www\.zaobao\.com\/realtime\/china\/story20260320-9700001\): not a raster picture/);
    const summary = JSON.parse(result.stdout);
    expect(summary.imagesFailed.map((failure: { url: string }) => failure.url).sort()).toEqual([PICTURES.notAPicture, PICTURES.svg].sort());
    expect(summary.imagesFailed.find((failure: { url: string }) => failure.url === PICTURES.svg).reason).toMatch(/not a raster picture/);
    expect(summary.imagesFailed.every((failure: { post: string }) => failure.post === `https://www.zaobao.com${STORIES[0].path}`)).toBe(true);
    expect(result.stderr).toMatch(/picture https:\/\/example\.org\/elsewhere\.jpg is not on the site's hosts/);
    expect(result.stderr).toMatch(/2 pictures not saved/);
    const [first] = await readPosts(join(root, '_posts'));
    expect(first!.body).toContain(`![矢量图](${PICTURES.svg})`);
    expect(first!.body).toContain(`![外站图](${PICTURES.offSite})`);
    // Nothing of the refused pictures is left, not even a temporary file.
    const names = readdirSync(join(root, 'assets/zaobao/2026/9700001'));
    expect(names).toHaveLength(3);
    expect(names.some((name) => /svg|error|tmp/.test(name))).toBe(false);
  });

  it('fetches no picture again; --update saves only the pictures that failed', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await site();
    expect((await runCli(fetchArgs(root, '--images', 'download'))).code).toBe(0);

    const again = await runCli(fetchArgs(root, '--images', 'download'));
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, imagesSaved: 0 });
    // A dry run of the update sees the pictures kept: nothing would change.
    const dry = await runCli(fetchArgs(root, '--images', 'download', '--update', '--dry-run'));
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ updated: 0, skipped: 2 });

    // The site now serves the chart as a PNG: an update saves it, and asks for no other picture.
    server.routes.set(mirrorPath(PICTURES.svg), { body: PNG, contentType: 'image/png' });
    const before = server.requests.filter(isPictureRequest).length;
    const update = await runCli(fetchArgs(root, '--images', 'download', '--update'));
    expect(update.code, update.stderr).toBe(0);
    const summary = JSON.parse(update.stdout);
    expect(summary).toMatchObject({ updated: 1, imagesSaved: 1, imagesBytes: PNG.length });
    expect(server.requests.filter(isPictureRequest).slice(before).sort()).toEqual([mirrorPath(PICTURES.notAPicture), mirrorPath(PICTURES.svg)].sort());
    const [first] = await readPosts(join(root, '_posts'));
    expect(first!.body).toMatch(/!\[矢量图\]\(\{% endraw %\}\{\{ '\/assets\/zaobao\/2026\/9700001\/chart-[0-9a-f]{12}\.png' \| relative_url \}\}\{% raw %\}\)/);
  });

  it('refuses a picture over 20 MB and one that leads off the site, and writes the post', async () => {
    const routes = pictureSiteRoutes();
    routes[mirrorPath(PICTURES.lead)] = {
      // Sent without a length: the cap is met while streaming.
      handle: (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/jpeg' });
        response.write(JPEG);
        const chunk = Buffer.alloc(1024 * 1024);
        let sent = 0;
        const more = () => {
          while (sent < 21 && response.write(chunk)) sent++;
          if (sent < 21) response.once('drain', more);
          else response.end();
        };
        more();
      },
    };
    routes[mirrorPath(PICTURES.figure)] = { status: 302, headers: { location: 'http://localhost:9/figure.png' } };
    server = await startSiteServer(routes);
    const root = await site();
    const result = await runCli(fetchArgs(root, '--images', 'download'));
    expect(result.code, result.stderr).toBe(0);
    const failed = Object.fromEntries(JSON.parse(result.stdout).imagesFailed.map((failure: { url: string; reason: string }) => [failure.url, failure.reason]));
    // The page's address for it, as a URL.
    expect(failed[PICTURES.lead.replace(' ', '%20')]).toMatch(/exceeds the 20971520-byte cap/);
    expect(failed[PICTURES.figure]).toMatch(/redirected off the site's picture hosts/);
    expect(readdirSync(join(root, 'assets/zaobao/2026/9700001')).some((name) => name.startsWith('.') || name.includes('lead'))).toBe(false);
    const [first] = await readPosts(join(root, '_posts'));
    expect(first!.frontMatter.image).toBe(PICTURES.lead.replace(' ', '%20'));
  });

  it('puts pictures under --assets when the posts are in no _posts folder, and says so when it is missing', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await tempDir('zb-scrape-pictures-');
    const out = join(root, 'posts');
    const missing = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--images', 'download']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/give the site's root with --assets <dir>/);
    expect(server.requests).toEqual([]);

    const result = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--images', 'download', '--assets', join(root, 'site'), '--delay', '0']);
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(join(root, 'site', 'assets', 'zaobao'))).toHaveLength(3);

    const stray = await runCli(['fetch', '--out', out, '--assets', root]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/add --images download/);
  });

  it('is set by the config file, its --assets relative to it', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await tempDir('zb-scrape-pictures-');
    await writeFile(join(root, 'zb-scrape.config.json'), JSON.stringify({ images: 'download', out: 'content', assets: 'www', feeds: [`${server.origin}/feed.xml`], origin: server.origin, delay: 0 }));
    const result = await runCli(['fetch', '--json'], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(filesUnder(join(root, 'www', 'assets', 'zaobao'))).toHaveLength(3);
  });
});

describe('fetch --images download --flavor hugo', () => {
  it('writes each post as a page bundle with its pictures beside it, and finds the bundles next time', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await tempDir('zb-scrape-hugo-');
    const out = join(root, 'content', 'posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--flavor', 'hugo', '--images', 'download', '--delay', '0', '--json'];
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(0);
    const files = filesUnder(out);
    expect(files.filter((file) => file.endsWith('index.md'))).toEqual(['2026-03-20-9700001/index.md', '2026-03-21-9700002/index.md']);
    // Each bundle holds the pictures its post shows.
    expect(files.filter((file) => file.startsWith('2026-03-21-9700002/')).map((file) => file.replace(/-[0-9a-f]{12}\./, '.'))).toEqual(['2026-03-21-9700002/index.md', '2026-03-21-9700002/shared.gif']);
    expect(server.requestsFor(mirrorPath(PICTURES.shared))).toHaveLength(1);
    const post = readFileSync(join(out, '2026-03-20-9700001', 'index.md'), 'utf8');
    expect(post).toMatch(/^image: lead-photo-[0-9a-f]{12}\.jpg$/m);
    expect(post).toMatch(/^slug: "?9700001"?$/m);
    expect(post).toMatch(/!\[图一\]\(figure-[0-9a-f]{12}\.png\)/);
    expect(post).not.toContain('relative_url');

    const again = await runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 0, skipped: 2, imagesSaved: 0 });
  });

  it('takes a picture another bundle kept in an earlier run from that bundle, not from the site', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await tempDir('zb-scrape-hugo-');
    const out = join(root, 'content', 'posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--flavor', 'hugo', '--images', 'download', '--delay', '0', '--json'];
    expect((await runCli([...args, '--limit', '1'])).code).toBe(0);
    const second = await runCli(args);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ written: 1, imagesSaved: 0 });
    expect(server.requestsFor(mirrorPath(PICTURES.shared))).toHaveLength(1);
    expect(filesUnder(out).filter((file) => file.endsWith('.gif'))).toHaveLength(2);
  });

  it('moves a post written without pictures into a bundle when --update keeps its pictures', async () => {
    server = await startSiteServer(pictureSiteRoutes());
    const root = await tempDir('zb-scrape-hugo-');
    const out = join(root, 'content', 'posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--flavor', 'hugo', '--delay', '0', '--json'];
    expect((await runCli(args)).code).toBe(0);
    expect(filesUnder(out)).toEqual(['2026-03-20-9700001.md', '2026-03-21-9700002.md']);
    const update = await runCli([...args, '--images', 'download', '--update']);
    expect(update.code, update.stderr).toBe(0);
    expect(JSON.parse(update.stdout).updated).toBe(2);
    expect(filesUnder(out).filter((file) => file.endsWith('.md'))).toEqual(['2026-03-20-9700001/index.md', '2026-03-21-9700002/index.md']);
  });

  it('refuses --assets, which Hugo does not use', async () => {
    const root = await tempDir('zb-scrape-hugo-');
    const result = await runCli(['fetch', '--flavor', 'hugo', '--images', 'download', '--assets', root, '--out', join(root, 'content')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/page bundle/);
  });
});
