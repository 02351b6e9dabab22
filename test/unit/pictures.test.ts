import { existsSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_POST_OPTIONS, resolvePictures } from '../../src/cli/settings.js';
import { storyArticle } from '../helpers/articles.js';
import { isRasterContentType, sniffPictureType } from '../../src/fetch/picture-type.js';
import { pictureUrls } from '../../src/pipeline/pictures.js';
import { indexExistingPosts } from '../../src/write/existing.js';
import { pictureStem, PictureStore, type PictureFetch } from '../../src/write/pictures.js';
import { renderPost } from '../../src/write/post.js';
import { tempDir } from '../helpers/cli.js';
import { GIF, JPEG, PNG } from '../helpers/pictures.js';

const bytes = (...values: (number | string)[]) =>
  Buffer.concat(values.map((value) => (typeof value === 'string' ? Buffer.from(value, 'latin1') : Buffer.from([value]))));

describe('which pictures are raster pictures', () => {
  it.each([
    ['JPEG', JPEG, '.jpg'],
    ['PNG', PNG, '.png'],
    ['GIF', GIF, '.gif'],
    ['WebP', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 '), '.webp'],
    ['AVIF (major brand)', bytes(0, 0, 0, 24, 'ftypavif', 0, 0, 0, 0, 'mif1miaf'), '.avif'],
    ['AVIF (compatible brand)', bytes(0, 0, 0, 24, 'ftypmif1', 0, 0, 0, 0, 'avifmiaf'), '.avif'],
  ])('%s by its bytes', (_name, head, extension) => {
    expect(sniffPictureType(head)?.extension).toBe(extension);
  });

  it.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"></svg>'],
    ['SVG behind an XML declaration', '<?xml version="1.0"?><svg/>'],
    ['HTML', '<!DOCTYPE html><html>'],
    ['HEIF that is not AVIF', bytes(0, 0, 0, 24, 'ftypheic', 0, 0, 0, 0, 'mif1heic')],
    ['an AVIF brand only where the minor version goes', bytes(0, 0, 0, 16, 'ftypmif1', 'avif')],
    ['nothing', ''],
  ])('not %s', (_name, head) => {
    expect(sniffPictureType(Buffer.from(head as string | Buffer))).toBeUndefined();
  });

  it('by its Content-Type: raster types only', () => {
    expect(['image/jpeg', 'image/jpg', 'image/x-png', 'image/PNG; charset=binary', 'image/webp', 'image/avif', 'image/gif'].every(isRasterContentType)).toBe(true);
    expect(['image/svg+xml', 'text/html', '', 'application/octet-stream'].some(isRasterContentType)).toBe(false);
  });
});

describe('picture file names', () => {
  it('are safe, stable, and set apart by their whole URL', () => {
    const stem = pictureStem('https://static.zaobao.com/s3fs-public/2026-03/%E5%9B%BE%20Lead%20Photo..JPG');
    expect(stem).toMatch(/^lead-photo-[0-9a-f]{12}$/);
    expect(pictureStem('https://static.zaobao.com/s3fs-public/2026-03/%E5%9B%BE%20Lead%20Photo..JPG')).toBe(stem);
    expect(pictureStem('https://cassette.sphdigital.com.sg/image/zaobao/a.jpg?w=800')).not.toBe(pictureStem('https://cassette.sphdigital.com.sg/image/zaobao/a.jpg?w=1200'));
    expect(pictureStem('https://static.zaobao.com/s3fs-public/%E5%9B%BE.jpg')).toMatch(/^[0-9a-f]{12}$/);
    expect(pictureStem('https://static.zaobao.com/../../etc/passwd')).toMatch(/^passwd-[0-9a-f]{12}$/);
    expect(pictureStem(`https://static.zaobao.com/${'a'.repeat(300)}.png`).length).toBeLessThanOrEqual(48 + 13);
  });
});

describe('the pictures a post shows', () => {
  it('are its lead picture and those of its body, once each', () => {
    const article = {
      leadImage: { url: 'https://static.zaobao.com/s3fs-public/lead.jpg' },
      bodyHtml: '<p><img src="https://static.zaobao.com/s3fs-public/lead.jpg"><img src="https://cassette.sphdigital.com.sg/image/zaobao/b.png"><img src="data:image/gif;base64,R0l"></p>',
    };
    expect(pictureUrls(article)).toEqual(['https://static.zaobao.com/s3fs-public/lead.jpg', 'https://cassette.sphdigital.com.sg/image/zaobao/b.png']);
  });
});

describe('posts that show kept pictures', () => {
  const article = storyArticle({
    leadImage: { url: 'https://static.zaobao.com/s3fs-public/lead.jpg', caption: '图说' },
    bodyHtml: '<p>第一段。</p><p><img src="https://static.zaobao.com/s3fs-public/b.png" alt="二"><img src="https://static.zaobao.com/s3fs-public/failed.png" alt="三"></p>',
  });
  const pictures = new Map([
    ['https://static.zaobao.com/s3fs-public/lead.jpg', '/assets/zaobao/2026/9700100/lead-0123456789ab.jpg'],
    ['https://static.zaobao.com/s3fs-public/b.png', '/assets/zaobao/2026/9700100/b-0123456789ab.png'],
  ]);

  it('Jekyll: through relative_url, outside any raw block; the picture not kept keeps its link', () => {
    const post = renderPost(article, DEFAULT_POST_OPTIONS, { pictures }).content;
    expect(post).toContain('\nimage: /assets/zaobao/2026/9700100/lead-0123456789ab.jpg\n');
    expect(post).toContain("![图说]({{ '/assets/zaobao/2026/9700100/lead-0123456789ab.jpg' | relative_url }})");
    expect(post).toContain("![二]({{ '/assets/zaobao/2026/9700100/b-0123456789ab.png' | relative_url }})");
    expect(post).toContain('![三](https://static.zaobao.com/s3fs-public/failed.png)');

    const liquid = renderPost({ ...article, bodyHtml: `<p>{{ x }}</p>${article.bodyHtml}` }, DEFAULT_POST_OPTIONS, { pictures }).content;
    expect(liquid).toContain("![二]({% endraw %}{{ '/assets/zaobao/2026/9700100/b-0123456789ab.png' | relative_url }}{% raw %})");
    expect(liquid).not.toMatch(/zb-picture-/);
  });

  it('Hugo: by their names in the page bundle', () => {
    const names = new Map([...pictures].map(([url, path]) => [url, path.split('/').pop()!]));
    const post = renderPost(article, { ...DEFAULT_POST_OPTIONS, flavor: 'hugo' }, { pictures: names, fileName: '2026-04-01-9700100/index.md' }).content;
    expect(post).toContain('\nimage: lead-0123456789ab.jpg\n');
    expect(post).toContain('\nslug: "9700100"\n');
    expect(post).toContain('![二](b-0123456789ab.png)');
  });
});

describe('the picture store', () => {
  const fakeFetch = (bodies: Record<string, { body: Buffer; type: string }>) =>
    vi.fn(async (url: string, read: (chunks: AsyncIterable<Buffer>, type: string) => Promise<unknown>) => {
      const { body, type } = bodies[url]!;
      return read((async function* () {
        yield body.subarray(0, 10);
        yield body.subarray(10);
      })(), type);
    }) as unknown as PictureFetch & ReturnType<typeof vi.fn>;

  it('keeps one copy of a picture for every Jekyll post that shows it, this run and the next', async () => {
    const root = await tempDir();
    const url = 'https://static.zaobao.com/s3fs-public/a.png';
    const fetch = fakeFetch({ [url]: { body: PNG, type: 'image/png' } });
    const store = new PictureStore({ flavor: 'jekyll', siteRoot: root }, fetch);
    const folder = (storyId: string) => store.folderFor({ storyId, year: '2026', file: '' });
    const [first, second] = await Promise.all([store.keep(url, folder('1')), store.keep(url, folder('2'))]);
    expect(first).toEqual({ file: join(root, 'assets/zaobao/2026/1', `${pictureStem(url)}.png`), link: `/assets/zaobao/2026/1/${pictureStem(url)}.png`, fetchedBytes: PNG.length });
    expect(second).toMatchObject({ link: first!.link, fetchedBytes: 0 });
    expect(fetch).toHaveBeenCalledTimes(1);

    const nextRun = new PictureStore({ flavor: 'jekyll', siteRoot: root }, fetch);
    expect(await nextRun.keep(url, folder('3'))).toMatchObject({ link: first!.link, fetchedBytes: 0 });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(existsSync(folder('3'))).toBe(false);
  });

  it("removes a killed run's temporary files when it reads the pictures kept, not a running one's", async () => {
    const root = await tempDir();
    const folder = join(root, 'assets/zaobao/2026/1');
    await mkdir(folder, { recursive: true });
    // Named by the pid of their writer: one that no longer runs, and this one.
    const stale = join(folder, '.zb-scrape-a-0123456789ab.99999999.ab.0.tmp');
    const running = join(folder, `.zb-scrape-b-0123456789ab.${process.pid}.cd.0.tmp`);
    await writeFile(stale, 'partial');
    await writeFile(running, 'partial');
    const url = 'https://static.zaobao.com/s3fs-public/a.png';
    // A dry run removes nothing.
    new PictureStore({ flavor: 'jekyll', siteRoot: root }, fakeFetch({}), false).lookup(url, join(root, 'assets/zaobao/2026/2'));
    expect(existsSync(stale)).toBe(true);
    await new PictureStore({ flavor: 'jekyll', siteRoot: root }, fakeFetch({ [url]: { body: PNG, type: 'image/png' } })).keep(url, join(root, 'assets/zaobao/2026/2'));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(running)).toBe(true);
  });

  it('gives each Hugo bundle its own file, fetched once', async () => {
    const root = await tempDir();
    const url = 'https://static.zaobao.com/s3fs-public/a.gif';
    const fetch = fakeFetch({ [url]: { body: GIF, type: 'image/gif' } });
    const store = new PictureStore({ flavor: 'hugo', postsDir: root }, fetch);
    const folder = (name: string) => store.folderFor({ storyId: '1', year: '2026', file: join(root, name, 'index.md') });
    await store.keep(url, folder('a'));
    expect(await store.keep(url, folder('b'))).toMatchObject({ link: `${pictureStem(url)}.gif`, fetchedBytes: 0 });
    expect(readdirSync(folder('b'))).toEqual([`${pictureStem(url)}.gif`]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('refuses what is not a raster picture, by its type or its bytes, and leaves no file', async () => {
    const root = await tempDir();
    const svg = 'https://static.zaobao.com/s3fs-public/a.svg';
    const html = 'https://static.zaobao.com/s3fs-public/b.jpg';
    const store = new PictureStore({ flavor: 'jekyll', siteRoot: root }, fakeFetch({
      [svg]: { body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), type: 'image/svg+xml' },
      [html]: { body: Buffer.from(`<html>${' '.repeat(100)}</html>`), type: 'image/jpeg' },
    }));
    const folder = store.folderFor({ storyId: '1', year: '2026', file: '' });
    await expect(store.keep(svg, folder)).rejects.toThrow(/Content-Type image\/svg\+xml/);
    await expect(store.keep(html, folder)).rejects.toThrow(/its bytes are no JPEG/);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe('Hugo page bundles in the output directory', () => {
  it('are indexed by their folder name, or their front matter', async () => {
    const out = await tempDir();
    await mkdir(join(out, '2026-04-01-9700100'));
    await writeFile(join(out, '2026-04-01-9700100', 'index.md'), '---\ntitle: a\n---\n');
    await mkdir(join(out, '2026-04-02-some-title'));
    await writeFile(join(out, '2026-04-02-some-title', 'index.md'), '---\nstory_id: "9700101"\nfrom: https://www.zaobao.com.sg/x/story20260402-9700101\n---\n');
    const index = await indexExistingPosts(out);
    expect(Object.fromEntries(index.byStory)).toEqual({ 9700100: join('2026-04-01-9700100', 'index.md'), 9700101: join('2026-04-02-some-title', 'index.md') });
  });
});

describe('where --images download keeps pictures', () => {
  it("Jekyll: the site's root above a collections_dir, found by its _config.yml", async () => {
    const site = await tempDir();
    await mkdir(join(site, 'coll', '_posts'), { recursive: true });
    await writeFile(join(site, '_config.yml'), 'collections_dir: coll\n');
    expect(resolvePictures({ images: 'download' }, {}, 'jekyll', join(site, 'coll', '_posts'))).toEqual({ flavor: 'jekyll', siteRoot: site });
  });

  it('Jekyll: not the root of another site above, whose config names no such collections_dir', async () => {
    const repo = await tempDir();
    await mkdir(join(repo, 'blog', '_posts'), { recursive: true });
    await writeFile(join(repo, '_config.yml'), 'title: the other site\n');
    expect(resolvePictures({ images: 'download' }, {}, 'jekyll', join(repo, 'blog', '_posts'))).toEqual({ flavor: 'jekyll', siteRoot: join(repo, 'blog') });
    await writeFile(join(repo, 'blog', '_config.yaml'), 'title: the blog\n');
    expect(resolvePictures({ images: 'download' }, {}, 'jekyll', join(repo, 'blog', '_posts'))).toEqual({ flavor: 'jekyll', siteRoot: join(repo, 'blog') });
  });

  it('Jekyll: the folder above _posts, or --assets; Hugo: page bundles; link: nowhere', () => {
    expect(resolvePictures({ images: 'download' }, {}, 'jekyll', '/site/_posts/news')).toEqual({ flavor: 'jekyll', siteRoot: '/site' });
    expect(resolvePictures({ images: 'download', assets: '/www' }, {}, 'jekyll', '/posts')).toEqual({ flavor: 'jekyll', siteRoot: '/www' });
    expect(resolvePictures({}, { images: 'download' }, 'hugo', '/site/content/posts')).toEqual({ flavor: 'hugo', postsDir: '/site/content/posts' });
    expect(resolvePictures({ images: 'link' }, { images: 'download' }, 'jekyll', '_posts')).toBeUndefined();
    expect(() => resolvePictures({ images: 'download' }, {}, 'jekyll', '/site/posts')).toThrow(/--assets <dir>/);
  });
});
