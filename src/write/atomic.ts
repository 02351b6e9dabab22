/** Crash-safe writes: a post is either absent or complete, never half-written. */
import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temporary files start with this, so a scan of the directory can tell and ignore them. */
export const TEMP_PREFIX = '.zb-scrape-';

/**
 * Writes to a temporary file beside the target, flushes it, then moves it into place.
 * With `overwrite: false` an existing file is never replaced (the link fails with EEXIST).
 */
export async function writeFileAtomic(path: string, content: string, { overwrite }: { overwrite: boolean }): Promise<void> {
  const temp = join(dirname(path), `${TEMP_PREFIX}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (overwrite) {
      await rename(temp, path);
    } else {
      await link(temp, path);
      await unlink(temp);
    }
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
