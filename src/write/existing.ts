/**
 * Which stories the output directory already holds. File names carry the story id
 * (`2026-08-08-9480001.md`), so a directory of 50,000 posts is indexed without reading
 * them; only posts with other names (title slugs, older tools) are opened, and only
 * their first bytes.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
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

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(FRONT_MATTER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, FRONT_MATTER_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The story a post is about, from its `story_id:` or `from:` front matter line. */
function storyIdFromHead(head: string): string | undefined {
  const storyId = /^story_id:\s*["']?(\d+)/m.exec(head)?.[1];
  if (storyId) return storyId;
  const from = /^from:\s*["']?(\S+)/m.exec(head)?.[1];
  return from ? parseStoryRef(from)?.id : undefined;
}

/**
 * Paths, relative to `directory`, of the files in it and in its folders: Jekyll reads posts
 * in subfolders of _posts too (`_posts/2026/…`), and archives of many years are split so.
 * Only a name that cannot be a post is looked at as a possible folder (one stat each), so a
 * flat directory of 50,000 posts costs one read. Hidden folders (`.git`) are not entered.
 */
async function listFiles(directory: string, names: string[], entered: Set<string>): Promise<string[]> {
  const paths: string[] = [];
  for (const name of names) {
    if (POST_FILE_NAME.test(name) || name.startsWith('.')) {
      paths.push(name);
      continue;
    }
    const folder = await stat(join(directory, name)).then((info) => info.isDirectory(), () => false);
    if (!folder) {
      paths.push(name);
      continue;
    }
    // A folder linked in (an archive elsewhere) is read once; a link back up is not followed.
    const real = await realpath(join(directory, name)).catch(() => undefined);
    if (!real || entered.has(real)) continue;
    entered.add(real);
    const inner = await readdir(join(directory, name)).catch(() => []);
    for (const path of await listFiles(join(directory, name), inner, entered)) paths.push(join(name, path));
  }
  return paths;
}

/** Reads the directory's posts; stops reading when `signal` aborts (the run is interrupted and writes nothing more). */
export async function indexExistingPosts(directory: string, signal?: AbortSignal): Promise<PostIndex> {
  const index = new Map<string, string>();
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { byStory: index, names: new Set(), tempFiles: [] };
    throw error;
  }
  const paths = await listFiles(directory, names, new Set([await realpath(directory)]));
  const others: string[] = [];
  const tempFiles: string[] = [];
  for (const path of paths) {
    const name = basename(path);
    // Beside the post it was for: an update rewrites posts in subfolders too.
    if (isTempFileName(name)) {
      tempFiles.push(path);
      continue;
    }
    const id = ID_FILE_NAME.exec(name)?.[1];
    if (id) index.set(id, path);
    else if (POST_FILE_NAME.test(name)) others.push(path);
  }
  for (const path of others) {
    if (signal?.aborted) break;
    const id = storyIdFromHead(await readHead(join(directory, path)).catch(() => ''));
    if (id && !index.has(id)) index.set(id, path);
  }
  return { byStory: index, names: new Set(paths), tempFiles };
}
