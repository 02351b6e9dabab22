/**
 * ETag / Last-Modified of feeds and sitemaps, kept between runs in a small JSON file that a
 * scheduled workflow can commit, so an unchanged feed costs a 304 and nothing else. The
 * site's robots.txt is kept there too, for a day (see site-fetcher.ts).
 */
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../write/atomic.js';
import type { CachedSource } from '../discover/conditional.js';
import type { Validators } from './http.js';

interface StateFile {
  version: 1;
  sources: Record<string, Validators & { savedAt: string; urls?: string[] }>;
  /** robots.txt by the address it was read from (added later: absent from older files). */
  robots?: Record<string, { text: string; fetchedAt: string }>;
  /** Stories whose page answered 404 or 410, by story id (added later). */
  gone?: Record<string, GoneEntry>;
}

interface GoneEntry {
  url: string;
  status: number;
  /** When the page last answered so. */
  lastTried: string;
  /** How many runs in a row found it gone. */
  times: number;
}

/**
 * A story found gone is asked for again after a day, then after a week, then never: a page
 * that comes back (a moved story, a server's bad day) is written, and a dead one costs a
 * request only twice more.
 */
const GONE_RETRY_AFTER_MS = [24 * 60 * 60 * 1000, 7 * 24 * 60 * 60 * 1000];

/**
 * A copy past its day still stands in while robots.txt cannot be reached; one a week old is
 * dropped, so that copies of mirrors no longer used do not pile up.
 */
const ROBOTS_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
/**
 * A source's entry saved this long ago is dropped when the file is next written: keys name a
 * window's days, so a backfill's or a --since run's entries would otherwise pile up. A source
 * still read costs one full read after that, and is saved again.
 */
const SOURCES_KEPT_MS = 60 * 24 * 60 * 60 * 1000;

const emptyState = (): StateFile => ({ version: 1, sources: {} });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A robots.txt read by an earlier run. */
export interface CachedRobots {
  text: string;
  /** Epoch ms. */
  fetchedAt: number;
}

export class ValidatorStore {
  private changed = false;

  private constructor(
    readonly path: string,
    private readonly state: StateFile,
    /** Set when the path is no file of ours to replace (`--state /dev/null`): nothing is saved. */
    private readonly readOnly = false,
  ) {}

  /** A missing or unreadable file is an empty store (the next run simply fetches everything). */
  static async load(path: string): Promise<{ store: ValidatorStore; problem?: string }> {
    let text: string;
    try {
      // Non-blocking, so that a FIFO does not hold the run until something writes to it.
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        if (!(await handle.stat()).isFile()) {
          return {
            store: new ValidatorStore(path, emptyState(), true),
            problem: `${path} is not a regular file: no state is read or saved (--no-state keeps none)`,
          };
        }
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch {
      return { store: new ValidatorStore(path, emptyState()) };
    }
    let parsed: StateFile;
    try {
      parsed = JSON.parse(text) as StateFile;
    } catch {
      // JSON.parse's message quotes the file's first bytes, which are no business of the log.
      return { store: new ValidatorStore(path, emptyState()), problem: `${path} ignored: not valid JSON` };
    }
    if (parsed?.version !== 1 || !isRecord(parsed.sources)) return { store: new ValidatorStore(path, emptyState()), problem: `${path} ignored: unknown format` };
    // A damaged entry (null, a string) is dropped, not left to break every later save.
    const keepRecords = (value: unknown) => (isRecord(value) ? Object.fromEntries(Object.entries(value).filter(([, entry]) => isRecord(entry))) : undefined);
    const sources = keepRecords(parsed.sources);
    const robots = keepRecords(parsed.robots);
    const gone = keepRecords(parsed.gone);
    return { store: new ValidatorStore(path, { version: 1, sources, ...(robots ? { robots } : {}), ...(gone ? { gone } : {}) } as StateFile) };
  }

  get(key: string): CachedSource | undefined {
    const entry = this.state.sources[key];
    // A hand-edited or damaged entry is no entry: the source is read in full, and saved anew.
    if (!entry || !(entry.etag || entry.lastModified) || !Array.isArray(entry.urls) || !entry.urls.every((url) => typeof url === 'string')) return undefined;
    return { validators: { etag: entry.etag, lastModified: entry.lastModified }, urls: entry.urls };
  }

  set(key: string, validators: Validators, urls: readonly string[]): void {
    if (!validators.etag && !validators.lastModified) return;
    const current = this.state.sources[key];
    const sameUrls = Array.isArray(current?.urls) && current.urls.length === urls.length && current.urls.every((url, index) => url === urls[index]);
    if (current?.etag === validators.etag && current?.lastModified === validators.lastModified && sameUrls) return;
    this.state.sources[key] = { etag: validators.etag, lastModified: validators.lastModified, savedAt: new Date().toISOString(), urls: [...urls] };
    this.changed = true;
  }

  robotsTxt(url: string): CachedRobots | undefined {
    const entry = this.state.robots?.[url];
    const fetchedAt = Date.parse(entry?.fetchedAt ?? '');
    return entry && typeof entry.text === 'string' && Number.isFinite(fetchedAt) ? { text: entry.text, fetchedAt } : undefined;
  }

  setRobotsTxt(url: string, text: string, fetchedAt: number): void {
    this.state.robots = { ...this.state.robots, [url]: { text, fetchedAt: new Date(fetchedAt).toISOString() } };
    this.changed = true;
  }

  /** Whether the story was found gone and is not due to be asked for again. */
  isGone(storyId: string, now = Date.now()): boolean {
    const entry = this.state.gone?.[storyId];
    if (!entry || typeof entry.times !== 'number') return false;
    const wait = GONE_RETRY_AFTER_MS[entry.times - 1];
    return wait === undefined || now - Date.parse(entry.lastTried) < wait;
  }

  markGone(storyId: string, url: string, status: number, now = Date.now()): void {
    const times = (this.state.gone?.[storyId]?.times ?? 0) + 1;
    this.state.gone = { ...this.state.gone, [storyId]: { url, status, lastTried: new Date(now).toISOString(), times } };
    this.changed = true;
  }

  /** The story's page answered again. */
  clearGone(storyId: string): void {
    if (!this.state.gone?.[storyId]) return;
    delete this.state.gone[storyId];
    this.changed = true;
  }

  delete(key: string): void {
    if (!(key in this.state.sources)) return;
    delete this.state.sources[key];
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed || this.readOnly) return;
    // Keys in code-unit order keep the file's diffs stable. Not localeCompare, whose order
    // depends on the machine's locale.
    const sorted = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const now = Date.now();
    const keptSince = now - ROBOTS_KEPT_MS;
    const robots = Object.fromEntries(Object.entries(this.state.robots ?? {}).filter(([, entry]) => Date.parse(entry.fetchedAt) >= keptSince));
    const sourcesSince = now - SOURCES_KEPT_MS;
    const sources = Object.fromEntries(Object.entries(this.state.sources).filter(([, entry]) => !(Date.parse(entry.savedAt) < sourcesSince)));
    const gone = this.state.gone ?? {};
    const state: StateFile = {
      version: 1,
      sources: sorted(sources),
      ...(Object.keys(robots).length ? { robots: sorted(robots) } : {}),
      ...(Object.keys(gone).length ? { gone: sorted(gone) } : {}),
    };
    // --state may name a directory of its own (.cache/zb-state.json) that no run made yet.
    await mkdir(dirname(this.path), { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify(state, null, 2)}\n`, { overwrite: true });
    this.changed = false;
  }
}
