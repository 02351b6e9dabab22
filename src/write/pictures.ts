/**
 * Where a post's pictures are kept with --images download, and under which name. Jekyll
 * keeps them in `assets/zaobao/<YYYY>/<story id>/` at the site's root, one copy of a picture
 * however many posts show it; Hugo in the post's page bundle, beside its `index.md`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import { copyFile, link, open, readdir, rename, rmdir, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { FetchError } from '../fetch/http.js';
import { isRasterContentType, sniffPictureType, SNIFF_BYTES, type PictureType } from '../fetch/picture-type.js';
import { isTempFileName, tempFileWriter, tempPathFor } from './atomic.js';
import { makeDirectory, processAlive } from './lock.js';

/** Jekyll: the site's root folder, where `assets/zaobao/` goes. Hugo: page bundles, in the posts' folder. */
export type PicturePlace = { flavor: 'jekyll'; siteRoot: string } | { flavor: 'hugo'; postsDir: string };

/** A picture on disk and how a post refers to it. */
export interface KeptPicture {
  /** Path of the file. */
  file: string;
  /** Jekyll: its path on the site (`/assets/zaobao/…`, before the baseurl); Hugo: its name in the bundle. */
  link: string;
  /** Bytes fetched for it this time: 0 when it was already kept. */
  fetchedBytes: number;
}

/** Fetches a picture, handing its body to `read` as it arrives (SiteFetcher.getPicture). */
export type PictureFetch = <T>(url: string, read: (chunks: AsyncIterable<Buffer>, contentType: string) => Promise<T>) => Promise<T>;

/** The part of a file name that names a picture's URL: 12 hex digits of its SHA-256. */
const KEPT_NAME = /(?:^|-)([0-9a-f]{12})\.(?:jpg|png|gif|webp|avif)$/;

function urlKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/**
 * A stable, safe file name without its extension: the URL's own name in ASCII letters,
 * digits and dashes (at most 48), then the URL's key, so that two pictures never share one.
 */
export function pictureStem(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  const base = name
    .replace(/\.[a-z0-9]{2,5}$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 48)
    .replace(/[-_]+$/, '');
  return base ? `${base}-${urlKey(url)}` : urlKey(url);
}

export class PictureStore {
  /** URL key → file, of the pictures kept (read from disk on first need, then this run's added). */
  private kept?: Map<string, string>;
  /** URL key → the picture being fetched: two posts of one run wait for one request. */
  private readonly pending = new Map<string, Promise<KeptPicture>>();

  constructor(
    private readonly place: PicturePlace,
    private readonly fetchPicture: PictureFetch,
    /** False for a run that writes nothing (--dry-run): it removes nothing either. */
    private readonly writes = true,
  ) {}

  /** The folder of a post's pictures: its story's folder under assets/, or its page bundle. */
  folderFor(post: { storyId: string; year: string; file: string }): string {
    if (this.place.flavor === 'hugo') return dirname(post.file);
    return join(this.place.siteRoot, 'assets', 'zaobao', post.year, post.storyId);
  }

  /**
   * The picture at `url`, kept in `folder`: fetched unless it is kept already (Jekyll: in any
   * post's folder). Throws FetchError when it cannot be fetched or is not a raster picture.
   */
  async keep(url: string, folder: string): Promise<KeptPicture> {
    const key = urlKey(url);
    const kept = this.keptFile(key);
    if (kept) return this.reuse(kept, folder);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchPicture(url, (chunks, contentType) => writePicture(join(folder, pictureStem(url)), chunks, contentType)).then(({ file, bytes }) => {
        this.kept?.set(key, file);
        return { file, link: this.linkTo(file), fetchedBytes: bytes };
      });
      this.pending.set(key, pending);
      pending.then(
        () => this.pending.delete(key),
        () => this.pending.delete(key),
      );
      return pending;
    }
    // Another post of this run asked first: its file serves this one too.
    return this.reuse((await pending).file, folder);
  }

  /** The picture at `url` if it is kept already, as a post in `folder` would link it; nothing is fetched or written (--dry-run). */
  lookup(url: string, folder: string): KeptPicture | undefined {
    const file = this.keptFile(urlKey(url));
    if (!file) return undefined;
    const shown = this.place.flavor === 'hugo' ? join(folder, basename(file)) : file;
    return { file: shown, link: this.linkTo(shown), fetchedBytes: 0 };
  }

  /** A kept file for a post in `folder`: as it is for Jekyll; in a page bundle, a link to it (a copy across devices). */
  private async reuse(file: string, folder: string): Promise<KeptPicture> {
    if (this.place.flavor === 'jekyll' || dirname(file) === folder) return { file, link: this.linkTo(file), fetchedBytes: 0 };
    const copy = join(folder, basename(file));
    if (!existsSync(copy)) {
      await onDisk(folder, makeDirectory(folder));
      const temp = tempPathFor(copy);
      await onDisk(copy, link(file, temp).catch(() => copyFile(file, temp)));
      await onDisk(copy, rename(temp, copy)).catch(async (error: unknown) => {
        await unlink(temp).catch(() => {});
        throw error;
      });
    }
    return { file: copy, link: this.linkTo(copy), fetchedBytes: 0 };
  }

  private linkTo(file: string): string {
    if (this.place.flavor === 'hugo') return basename(file);
    return `/${relative(this.place.siteRoot, file).split(sep).join('/')}`;
  }

  /**
   * The kept file of a URL key. The pictures on disk are read once, on first need: Jekyll's
   * whole assets/zaobao, Hugo's every page bundle; then this run's are added as they are kept.
   */
  private keptFile(key: string): string | undefined {
    if (!this.kept) {
      this.kept = new Map();
      if (this.place.flavor === 'jekyll') {
        const root = join(this.place.siteRoot, 'assets', 'zaobao');
        for (const year of listFolder(root)) {
          for (const story of listFolder(join(root, year.name))) indexFolder(join(root, year.name, story.name), this.kept, this.writes);
        }
      } else {
        indexTree(this.place.postsDir, this.kept, this.writes);
      }
    }
    return this.kept.get(key);
  }
}

function listFolder(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'));
  } catch {
    return [];
  }
}

/** Adds the kept pictures of one folder to `index`; with `sweep`, removes what a killed run left there. */
function indexFolder(folder: string, index: Map<string, string>, sweep: boolean): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (isTempFileName(name)) {
      // Left over when its writer (the pid in its name) no longer runs.
      const writer = tempFileWriter(name);
      if (sweep && writer !== undefined && !processAlive(writer)) rmSync(join(folder, name), { force: true });
      continue;
    }
    const key = KEPT_NAME.exec(name)?.[1];
    if (key && !index.has(key)) index.set(key, join(folder, name));
  }
}

/** Adds the kept pictures of a folder and of every folder below it (Hugo's page bundles). */
function indexTree(folder: string, index: Map<string, string>, sweep: boolean): void {
  indexFolder(folder, index, sweep);
  for (const child of listFolder(folder)) indexTree(join(folder, child.name), index, sweep);
}

/** A Hugo post moved to another bundle (a corrected day): the pictures of its old one go, and the folder when nothing else is in it. */
export async function removeBundlePictures(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(names.filter((name) => KEPT_NAME.test(name)).map((name) => unlink(join(folder, name)).catch(() => {})));
  await rmdir(folder).catch(() => {});
}

/**
 * A file-system step of writing a picture: its failure (a full disk) fails the picture for
 * good, as a FetchError, where a transfer cut midway is tried again.
 */
function onDisk<T>(file: string, step: Promise<T>): Promise<T> {
  return step.catch((error: unknown) => {
    throw new FetchError(`could not write ${file}: ${(error as Error).message}`);
  });
}

/**
 * Streams a picture to a temporary file beside `stem` and moves it into place with the
 * extension its bytes show; anything but a raster picture (by its header and by its bytes)
 * is refused and leaves nothing behind.
 */
async function writePicture(stem: string, chunks: AsyncIterable<Buffer>, contentType: string): Promise<{ file: string; bytes: number }> {
  if (!isRasterContentType(contentType)) throw new FetchError(`not a raster picture (Content-Type ${contentType || 'missing'})`);
  await onDisk(dirname(stem), makeDirectory(dirname(stem)));
  const temp = tempPathFor(stem);
  const handle = await onDisk(temp, open(temp, 'wx'));
  let type: PictureType | undefined;
  let head = Buffer.alloc(0);
  let bytes = 0;
  try {
    try {
      for await (const chunk of chunks) {
        if (!type) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= SNIFF_BYTES) type = rasterType(head);
        }
        await onDisk(temp, handle.write(chunk));
        bytes += chunk.length;
      }
      type ??= rasterType(head);
      await onDisk(temp, handle.sync());
    } finally {
      await onDisk(temp, handle.close());
    }
    const file = `${stem}${type.extension}`;
    await onDisk(file, rename(temp, file));
    return { file, bytes };
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}

function rasterType(head: Buffer): PictureType {
  const type = sniffPictureType(head);
  if (!type) throw new FetchError('not a raster picture (its bytes are no JPEG, PNG, GIF, WebP or AVIF)');
  return type;
}
