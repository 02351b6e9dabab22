/** Crash-safe writes: a post is either absent or complete, never half-written. */
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files start with this, so a scan of the directory can tell and ignore them. */
const TEMP_PREFIX = '.zb-scrape-';

let tempFiles = 0;

/**
 * Unique among the writers of a directory: the pid tells processes apart, a random part hosts
 * that share the directory over a network, the count one process's own writes (and the file
 * is created exclusively, so a clash fails rather than mixes two writes).
 */
function tempSuffix(): string {
  return `${process.pid}.${Math.random().toString(36).slice(2, 10)}.${tempFiles++}`;
}

/** The process that made a temporary file (its pid, in its name), or undefined for another name. */
export function tempFileWriter(name: string): number | undefined {
  if (!isTempFileName(name)) return undefined;
  const pid = Number(name.split('.').at(-4));
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a file name is one of writeFileAtomic's temporary files (not, say, `.zb-scrape-state.json`). */
export function isTempFileName(name: string): boolean {
  return name.startsWith(TEMP_PREFIX) && name.endsWith('.tmp');
}

/** A temporary file's path beside `path`, unique to this write. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${tempSuffix()}.tmp`);
}

/**
 * Writes to a temporary file beside the target, flushes it, then moves it into place.
 * With `overwrite: false` an existing file is never replaced (the link fails with EEXIST).
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array, { overwrite }: { overwrite: boolean }): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx');
  try {
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path);
      await unlink(temp);
    }
  } catch (error) {
    // A write that failed (a full disk) or a target that was taken leaves nothing behind.
    await unlink(temp).catch(() => {});
    throw error;
  }
}
