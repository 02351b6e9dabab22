/**
 * One run per output directory: a lock file holds the writer's pid, host and start time.
 * A lock whose process is gone (same host), or that is older than any run could be, is
 * stale and taken over, so a killed run never blocks the next one for long.
 */
import { hostname } from 'node:os';
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const LOCK_FILE = '.zb-scrape.lock';
/** No run holds a directory this long; a lock from another host is trusted until then. */
const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export class LockedError extends Error {
  constructor(
    readonly directory: string,
    readonly owner: LockOwner,
  ) {
    super(`another zb-scrape run (pid ${owner.pid} on ${owner.host}, started ${owner.started}) is writing to ${directory}`);
    this.name = 'LockedError';
  }
}

/** The output directory cannot be made or written: a file in its way, no permission, a read-only disk. */
export class OutputDirectoryError extends Error {
  override name = 'OutputDirectoryError';
}

/** File-system errors that say the directory is unusable, not that something went wrong in zb-scrape. */
const UNUSABLE = new Set(['ENOENT', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENAMETOOLONG', 'ELOOP']);

function unusable(directory: string, error: unknown): unknown {
  const { code, message } = error as NodeJS.ErrnoException;
  return code && UNUSABLE.has(code) ? new OutputDirectoryError(`cannot write to the output directory ${directory}: ${message}`) : error;
}

/**
 * Creates the directory and its missing parents one level at a time. Node's recursive mkdir
 * reports a read-only file system as ENOENT, and never returns where the file system refuses
 * a directory with ENOENT (/proc): each level's own error is the one to report.
 */
export async function makeDirectory(directory: string): Promise<void> {
  const missing: string[] = [];
  for (let path = resolve(directory); !(await exists(path)); path = dirname(path)) {
    missing.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** For a run that writes nothing (--dry-run): the directory may be missing, but not be a file or unreadable. */
export async function checkOutputDirectory(directory: string): Promise<void> {
  try {
    if (!(await stat(directory)).isDirectory()) throw new OutputDirectoryError(`the output directory ${directory} is not a directory`);
    await access(directory, constants.R_OK | constants.X_OK);
  } catch (error) {
    if (error instanceof OutputDirectoryError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unusable(directory, error);
  }
}

/** The owner of a lock file that cannot be read (a crash mid-write). */
const UNKNOWN_OWNER: LockOwner = { pid: 0, host: 'unknown', started: 'unknown' };

/** Whether a process of this machine runs with this pid (one another user runs counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(owner: LockOwner | undefined, now: number): boolean {
  if (!owner || !Number.isInteger(owner.pid)) return true; // unreadable: a crash mid-write
  if (now - Date.parse(owner.started) > STALE_AFTER_MS) return true;
  return owner.host === hostname() && !processAlive(owner.pid);
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

export interface DirectoryLock {
  /** A stale lock that was taken over, if any. */
  tookOverFrom?: LockOwner;
  release(): Promise<void>;
}

/**
 * Takes the directory's lock (creating the directory). Holding it, any temporary file in the
 * directory is a crashed run's: the run removes those it finds when it indexes the directory
 * (write/existing.ts), which reads it once for both.
 */
export async function lockDirectory(directory: string, now = Date.now()): Promise<DirectoryLock> {
  await makeDirectory(directory).catch((error: unknown) => {
    throw unusable(directory, error);
  });
  const path = join(directory, LOCK_FILE);
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date(now).toISOString() };
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unusable(directory, error);
      // Another run took the stale lock first: it holds the directory now.
      if (attempt > 0) throw new LockedError(directory, (await readOwner(path)) ?? UNKNOWN_OWNER);
      const current = await readOwner(path);
      if (!isStale(current, now)) throw new LockedError(directory, current!);
      tookOverFrom = current ?? UNKNOWN_OWNER;
      await unlink(path).catch(() => {});
    }
  }
  return {
    tookOverFrom,
    release: () => unlink(path).catch(() => {}),
  };
}
