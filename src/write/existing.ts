/**
 * Which stories the output directory already holds. File names carry the story id
 * (`2026-08-08-9480001.md`), so a directory of 50,000 posts is indexed without reading
 * them; only posts with other names (title slugs, older tools) are opened, and only
 * their first bytes.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { parseStoryRef } from '../site/urls.js';
import { isTempFileName } from './atomic.js';

const ID_FILE_NAME = /^\d{4}-\d{2}-\d{2}-(\d+)\.(?:md|markdown|html)$/;
const POST_FILE_NAME = /^\d{4}-\d{2}-\d{2}-.+\.(?:md|markdown|html)$/;
const FRONT_MATTER_BYTES = 4096;

export interface PostIndex {
  /** story id → file name (a path relative to the directory, for a post in a subfolder) */
  byStory: Map<string, string>;
  /** Every file in the directory and its subfolders (relative paths), for collision checks. */
  names: Set<string>;
  /** Temporary files of unfinished writes (atomic.ts; relative paths): a crashed run's, when read under the lock. */
  tempFiles: string[];
}

const head = Buffer.alloc(FRONT_MATTER_BYTES);

/**
 * A post's first bytes, read synchronously: tens of thousands of title-named posts are read in
 * a fraction of a second this way, where a promise per open, read and close costs seconds.
 */
function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, FRONT_MATTER_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** Posts read between two turns of the event loop, so that Ctrl-C is heard while thousands are read. */
const READS_PER_TURN = 1000;

const STORY_ID_KEY = Buffer.from('\nstory_id:');
const FROM_KEY = Buffer.from('\nfrom:');

/**
 * The rest of the line that starts with `key`, looked for in the bytes: the keys are ASCII, and
 * decoding a whole head of Chinese text to search it cost more than reading it from disk.
 */
function lineAfter(bytes: Buffer, key: Buffer): string | undefined {
  const at = bytes.indexOf(key);
  if (at < 0) return undefined;
  const end = bytes.indexOf(0x0a, at + key.length);
  return bytes.toString('latin1', at + key.length, end < 0 ? bytes.length : end);
}

/** The story a post is about, from its `story_id:` or `from:` front matter line. */
function storyIdFromHead(bytes: Buffer): string | undefined {
  const storyId = /^\s*["']?(\d+)/.exec(lineAfter(bytes, STORY_ID_KEY) ?? '')?.[1];
  if (storyId) return storyId;
  const from = /^\s*["']?(\S+)/.exec(lineAfter(bytes, FROM_KEY) ?? '')?.[1];
  return from ? parseStoryRef(from)?.id : undefined;
}

/** A Hugo page bundle's post: `<dated folder>/index.md`, its pictures beside it. */
export const BUNDLE_POST = 'index.md';

/**
 * Paths, relative to `directory`, of the files in it and in its folders: Jekyll reads posts
 * in subfolders of _posts too (`_posts/2026/…`), archives of many years are split so, and a
 * Hugo page bundle is a folder. The directory is read with its entries' types, so a flat
 * directory of 50,000 posts costs one read and a folder one more; only a link is resolved (a
 * folder linked in is read once, a link back up not followed). `real` is `directory`'s real
 * path. Hidden folders (`.git`) are not entered.
 */
async function listFiles(directory: string, real: string, entered: Set<string>, top = false): Promise<string[]> {
  // The output directory itself must be readable; a folder in it that is not is passed over.
  const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
    if (top) throw error;
    return [];
  });
  const paths: string[] = [];
  for (const entry of entries) {
    const { name } = entry;
    let folder: string | undefined;
    if (!name.startsWith('.') && entry.isDirectory()) folder = join(real, name);
    else if (!name.startsWith('.') && entry.isSymbolicLink()) folder = await linkedFolder(join(directory, name));
    if (!folder) {
      paths.push(name);
      continue;
    }
    if (entered.has(folder)) continue;
    entered.add(folder);
    for (const path of await listFiles(join(directory, name), folder, entered)) paths.push(join(name, path));
  }
  return paths;
}

/** The real path of the folder a link leads to; undefined for a link to a file, or a broken one. */
async function linkedFolder(path: string): Promise<string | undefined> {
  try {
    const target = await realpath(path);
    return (await stat(target)).isDirectory() ? target : undefined;
  } catch {
    return undefined;
  }
}

/** What the output directory holds, its posts' stories known by their names; the others are read on demand (readPostsFrom). */
export interface PostListing extends PostIndex {
  /** Posts whose names do not say their story (title slugs, other tools'), with the day their names carry. */
  unread: { path: string; day: string }[];
}

/** Lists the directory's posts, knowing the stories of those named by story id. */
export async function listExistingPosts(directory: string): Promise<PostListing> {
  const byStory = new Map<string, string>();
  let paths: string[];
  try {
    const real = await realpath(directory);
    paths = await listFiles(directory, real, new Set([real]), true);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { byStory, names: new Set(), tempFiles: [], unread: [] };
    throw error;
  }
  const unread: PostListing['unread'] = [];
  const tempFiles: string[] = [];
  for (const path of paths) {
    const name = basename(path);
    // Beside the post it was for: an update rewrites posts in subfolders too.
    if (isTempFileName(name)) {
      tempFiles.push(path);
      continue;
    }
    // A Hugo page bundle's post is named by its folder (`2026-08-08-9480001/index.md`).
    const postName = name === BUNDLE_POST ? `${basename(dirname(path))}.md` : name;
    const id = ID_FILE_NAME.exec(postName)?.[1];
    if (id) byStory.set(id, path);
    else if (POST_FILE_NAME.test(postName)) unread.push({ path, day: postName.slice(0, 10) });
  }
  return { byStory, names: new Set(paths), tempFiles, unread };
}

/**
 * Reads the stories of the listed posts dated `fromDay` or later (all when undefined) from
 * their front matter. No post is named for a day before its story was published, give or take
 * a few days (a name in UTC, a corrected time): a run that looks for this week's stories opens
 * this week's posts, not an archive of 200,000. Stops when `signal` aborts.
 */
export async function readPostsFrom(listing: PostListing, directory: string, fromDay: string | undefined, signal?: AbortSignal): Promise<void> {
  const toRead = fromDay === undefined ? listing.unread : listing.unread.filter((post) => post.day >= fromDay);
  for (let at = 0; at < toRead.length && !signal?.aborted; at += READS_PER_TURN) {
    if (at > 0) await new Promise((resolve) => setImmediate(resolve));
    for (const { path } of toRead.slice(at, at + READS_PER_TURN)) {
      let id: string | undefined;
      try {
        id = storyIdFromHead(readHead(`${directory}${sep}${path}`));
      } catch {
        id = undefined;
      }
      if (id && !listing.byStory.has(id)) listing.byStory.set(id, path);
    }
  }
  const read = new Set(toRead);
  listing.unread = listing.unread.filter((post) => !read.has(post));
}

/** Every post of the directory, each one's story known (their front matter read where their names do not say). */
export async function indexExistingPosts(directory: string, signal?: AbortSignal): Promise<PostIndex> {
  const listing = await listExistingPosts(directory);
  await readPostsFrom(listing, directory, undefined, signal);
  return listing;
}
