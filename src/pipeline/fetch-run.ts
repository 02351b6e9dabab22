/**
 * A fetch run, top to bottom: lock the output directory, read the state, discover, handle
 * each story (item.ts), save the state, and keep the score. One broken article never sinks
 * the run (RSSHub #16043).
 */
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { discover } from '../discover/index.js';
import type { DiscoveredItem, SourceOutcome } from '../discover/types.js';
import type { DateWindow } from '../discover/window.js';
import { FetchError, HttpClient } from '../fetch/http.js';
import { SiteFetcher } from '../fetch/site-fetcher.js';
import { ValidatorStore } from '../fetch/validator-store.js';
import type { Logger } from '../log.js';
import type { Section } from '../site/sections.js';
import { PUBLIC_ORIGINS } from '../site/urls.js';
import { earliestStoryDay } from '../time/singapore.js';
import { listExistingPosts, readPostsFrom } from '../write/existing.js';
import { checkOutputDirectory, lockDirectory } from '../write/lock.js';
import type { PostOptions } from '../write/post.js';
import { PictureStore, type PicturePlace } from '../write/pictures.js';
import type { PictureScore } from './pictures.js';
import type { Article } from '../extract/types.js';
import { emptyHealth, healthWarning, pageRead, pageUnreadable, settleHealth, type RunHealth } from './health.js';
import type { ItemContext, ItemOutcome, WrittenPost } from './item.js';
import { reasonOf } from './reason.js';

export type { WrittenPost } from './item.js';

export interface FetchRunOptions {
  sections: readonly Section[];
  feeds: readonly string[];
  outDir: string;
  origin?: URL;
  /** Stories outside it are dropped before they are fetched (and after, by the page's own time). */
  window?: DateWindow;
  limit?: number;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Least time between the starts of two requests to one host (politeness; 0 for none). */
  hostDelayMs: number;
  userAgent: string;
  dryRun: boolean;
  /** Fetch stories already present too, and rewrite their posts when the article changed. */
  update: boolean;
  /** File of feed and sitemap validators (ETag/Last-Modified) and of robots.txt copies kept between runs; none when undefined. */
  statePath?: string;
  /** Check the site's robots.txt before each request to it (--ignore-robots turns this off). */
  respectRobots: boolean;
  /** Leave paywalled (truncated) articles out instead of writing what is visible of them. */
  skipPaywalled: boolean;
  /** `page`: the article page first, the feed item's HTML when the page fails; `feed`: whole feed items without the page. */
  prefer: 'page' | 'feed';
  post: PostOptions;
  log: Logger;
  signal?: AbortSignal;
  /** --save-pages: where pages no known layout could read are kept, with what is known of them. */
  savePagesDir?: string;
  /** --images download: where pictures are kept; without it, posts link them on the site. */
  pictures?: PicturePlace;
  /** Called as articles finish, for a progress display. */
  onProgress?: (done: number, total: number, pictures: PictureScore) => void;
}

export interface Failure {
  url: string;
  reason: string;
}

export interface RunSummary {
  discovered: number;
  written: number;
  /** Already present in the output directory: not fetched. */
  skipped: number;
  updated: number;
  failed: number;
  /** Left for a later run by `--limit`. */
  deferred: number;
  paywalled: number;
  /** Posts built from a feed item's HTML instead of the article page. */
  fromFeed: number;
  /** Article pages robots.txt disallows, with no feed content to stand in (not failures). */
  disallowed: string[];
  /** Stories whose page answered 404 or 410, this run or an earlier one (not failures; asked for again after a day, then a week). */
  gone: string[];
  /** Which generations read the pages, and what no page gave: a site change shows here first. */
  health: RunHealth;
  /** --images download: pictures fetched and kept this run, and their bytes. */
  imagesSaved: number;
  imagesBytes: number;
  /** Pictures not kept (their posts link them on the site; `--images download --update` tries again). */
  imagesFailed: { url: string; post: string; reason: string }[];
  /** Fetched, but the page's own time put them outside the date window. */
  outsideWindow: number;
  /** Paywalled articles left out by --skip-paywalled (fetched again by later runs). */
  paywalledSkipped: string[];
  dryRun: boolean;
  interrupted: boolean;
  requests: number;
  durationMs: number;
  failures: Failure[];
  posts: WrittenPost[];
  sources: { source: string; kind: string; articles: number; error?: string }[];
}

export type RunResult = { kind: 'completed'; summary: RunSummary } | { kind: 'no-source'; summary: RunSummary };

export async function runFetch(options: FetchRunOptions): Promise<RunResult> {
  const started = Date.now();
  const { log } = options;
  // Made before the lock is taken: a client that cannot be made (a malformed proxy variable
  // got past the CLI's check) leaves no lock behind. It opens no connection until asked.
  const http = new HttpClient({
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    hostDelayMs: options.hostDelayMs,
    userAgent: options.userAgent,
    // Two at least: robots.txt and the first source are read at once, on one origin behind a mirror.
    connectionsPerOrigin: Math.max(options.concurrency, 2),
    signal: options.signal,
    onRetry: (url, attempt, reason, delayMs) => log.debug(`retry ${attempt} for ${url} in ${delayMs} ms (${reason})`),
  });
  // A dry run writes nothing, so it needs no lock. LockedError and OutputDirectoryError go to the caller.
  if (options.dryRun) await checkOutputDirectory(options.outDir);
  const lock = options.dryRun ? undefined : await lockDirectory(options.outDir);
  if (lock?.tookOverFrom) log.warn(`took over a stale lock of pid ${lock.tookOverFrom.pid} on ${lock.tookOverFrom.host}`);
  const summary: RunSummary = {
    discovered: 0, written: 0, skipped: 0, updated: 0, failed: 0, deferred: 0, paywalled: 0, fromFeed: 0, outsideWindow: 0, paywalledSkipped: [], disallowed: [], gone: [], health: emptyHealth(),
    imagesSaved: 0, imagesBytes: 0, imagesFailed: [], dryRun: options.dryRun, interrupted: false, requests: 0, durationMs: 0, failures: [], posts: [], sources: [],
  };
  // Extraction, conversion and rendering load while the sources are read: no page needs them before.
  const items = import('./item.js');
  items.catch(() => {});
  try {
    const state = options.statePath && !options.dryRun ? await ValidatorStore.load(options.statePath) : undefined;
    if (state?.problem) log.warn(state.problem);
    const fetcher = new SiteFetcher(http, {
      origin: options.origin, respectRobots: options.respectRobots, userAgent: options.userAgent, log, robotsCache: state?.store,
    });
    // Said before the first answer: a site that does not answer would leave a run silent for a minute.
    const feedCount = options.feeds.length ? [`${options.feeds.length} feed${options.feeds.length > 1 ? 's' : ''}`] : [];
    log.info(`reading the sources: ${[...options.sections.map((section) => section.name), ...feedCount].join(', ')}…`);
    const discovering = Promise.all([
      listExistingPosts(options.outDir),
      // An update re-reads everything, so it asks for full responses.
      discover({ sections: options.sections, feeds: options.feeds, window: options.window, validators: options.update ? undefined : state?.store }, fetcher, log),
    ]);
    // Read alongside discovery, so that the first article request does not wait for it.
    fetcher.prefetchRobots(PUBLIC_ORIGINS);
    const [existing, discovery] = await discovering;
    // Posts whose names do not say their story are read as far back as the stories found.
    if (discovery.items.length) await readPostsFrom(existing, options.outDir, earliestPostDay(discovery.items), options.signal);
    // Read under the lock, before this run has written anything: a crashed run's leftovers.
    if (lock && existing.tempFiles.length) {
      await Promise.all(existing.tempFiles.map((name) => unlink(join(options.outDir, name)).catch(() => {})));
      log.warn(`removed ${existing.tempFiles.length} temporary files left by an interrupted run`);
    }
    summary.sources = discovery.outcomes.map((outcome) => ({
      source: outcome.source, kind: outcome.kind, articles: outcome.items.length, error: outcome.error,
    }));
    summary.discovered = discovery.items.length;
    // Interrupted while reading the sources: a stop, not sources that could not be read.
    if (options.signal?.aborted) {
      summary.interrupted = true;
      return { kind: 'completed', summary };
    }
    if (!discovery.anySourceRead) return { kind: 'no-source', summary };

    // Stories found gone by an earlier run wait for their next try, unfetched.
    const goneBefore = new Set(discovery.items.filter((item) => !existing.byStory.has(item.story.id) && state?.store.isGone(item.story.id)));
    summary.gone.push(...[...goneBefore].map((item) => item.url));
    const fresh = discovery.items.filter((item) => !existing.byStory.has(item.story.id) && !goneBefore.has(item));
    // --limit caps the new articles; an update re-reads every present one besides.
    const taken = new Set(options.limit !== undefined ? fresh.slice(0, options.limit) : fresh);
    const deferred = fresh.filter((item) => !taken.has(item));
    const queue = discovery.items.filter((item) => taken.has(item) || (options.update && existing.byStory.has(item.story.id)));
    summary.skipped = options.update ? 0 : discovery.items.length - fresh.length - goneBefore.size;
    summary.deferred = deferred.length;
    // Sources with an article not handled yet must be read in full next time, not answered 304.
    const unfinishedSources = new Set(deferred.map((item) => item.via));
    log.info(`${summary.discovered} articles discovered, ${summary.skipped} already present, ${queue.length} to fetch`);

    // --concurrency bounds the requests in flight. Stories under way (fetched, being converted
    // or written) are bounded too, so that a backfill of thousands holds a handful of pages.
    const requestSlots = pLimit(options.concurrency);
    // A request that gets its slot after Ctrl-C is not made.
    const request = <T>(make: () => Promise<T>) => requestSlots(() => (options.signal?.aborted ? Promise.reject(new FetchError('interrupted')) : make()));
    const itemSlots = pLimit(options.concurrency * 2);
    const context: ItemContext = {
      outDir: options.outDir, dryRun: options.dryRun, prefer: options.prefer, skipPaywalled: options.skipPaywalled, sinceMs: options.window?.sinceMs,
      post: options.post, log, signal: options.signal, takenNames: existing.names, savePagesDir: options.savePagesDir,
      health: { pageRead: (url: string, article: Article) => pageRead(summary.health, url, article), pageUnreadable: (url: string) => pageUnreadable(summary.health, url) },
      fetchPage: (url: string) => request(() => fetcher.get(url)),
    };
    const pictureScore: PictureScore = { saved: 0, bytes: 0, failed: [] };
    if (options.pictures) {
      const store = new PictureStore(options.pictures, (url, read) => request(() => fetcher.getPicture(url, read)), !options.dryRun);
      context.pictures = { store, score: pictureScore };
    }
    let done = 0;
    const handle = async (item: DiscoveredItem) => {
      try {
        const { handleItem } = await items;
        const outcome = await handleItem(item, existing.byStory.get(item.story.id), context);
        count(summary, item, outcome);
        if (outcome.kind === 'gone') state?.store.markGone(item.story.id, item.url, outcome.status);
        if (outcome.kind === 'written' || outcome.kind === 'updated') state?.store.clearGone(item.story.id);
      } catch (error) {
        if (options.signal?.aborted) return;
        const reason = reasonOf(error);
        summary.failures.push({ url: item.url, reason });
        unfinishedSources.add(item.via);
        log.warn(`failed ${item.url}: ${reason}`);
      }
      options.onProgress?.(++done, queue.length, pictureScore);
    };
    await Promise.all(queue.map((item) => itemSlots(() => handle(item))));
    summary.interrupted = options.signal?.aborted ?? false;
    summary.imagesSaved = pictureScore.saved;
    summary.imagesBytes = pictureScore.bytes;
    summary.imagesFailed = pictureScore.failed;
    settleHealth(summary.health);
    const warning = healthWarning(summary.health, options.savePagesDir);
    if (warning) log.warn(warning);
    // Left-out paywalled stories are fetched again by later runs, like failures; after a stop,
    // every source is read in full next time (its robots.txt copies are kept).
    const sourceOf = new Map(discovery.items.map((item) => [item.url, item.via]));
    for (const url of summary.paywalledSkipped) unfinishedSources.add(sourceOf.get(url)!);
    if (summary.interrupted) for (const outcome of discovery.outcomes) unfinishedSources.add(outcome.source);
    if (state) {
      rememberValidators(state.store, discovery.outcomes, unfinishedSources);
      // A state file that cannot be saved costs the next run only full reads of its sources,
      // and must cost this one neither its posts nor its summary.
      await state.store.save().catch((error: unknown) => {
        log.warn(`could not save ${options.statePath}: ${(error as Error).message}; the next run reads every source in full`);
      });
    }
    summary.failed = summary.failures.length;
    return { kind: 'completed', summary };
  } finally {
    summary.requests = http.requestCount;
    summary.durationMs = Date.now() - started;
    await http.close().catch(() => {});
    await lock?.release();
  }
}

/** The earliest day a post about one of these stories may be named with: no earlier time names a post (time/singapore.ts). */
function earliestPostDay(items: readonly DiscoveredItem[]): string {
  return earliestStoryDay(items.reduce((day, item) => (item.story.day < day ? item.story.day : day), items[0]!.story.day));
}

/** Adds one story's outcome to the run's score. */
function count(summary: RunSummary, item: DiscoveredItem, outcome: ItemOutcome): void {
  switch (outcome.kind) {
    case 'written':
    case 'updated':
      if (outcome.kind === 'written') summary.written++;
      else summary.updated++;
      if (outcome.post.paywalled) summary.paywalled++;
      if (outcome.post.source === 'feed') summary.fromFeed++;
      summary.posts.push(outcome.post);
      break;
    case 'skipped':
      summary.skipped++;
      break;
    case 'disallowed':
      summary.disallowed.push(item.url);
      break;
    case 'gone':
      summary.gone.push(item.url);
      break;
    case 'outside-window':
      summary.outsideWindow++;
      break;
    case 'paywalled-skipped':
      summary.paywalledSkipped.push(item.url);
      break;
    case 'interrupted':
      break;
  }
}

/**
 * Validators of every source read in full whose articles were all handled; the others are
 * forgotten. A source answered 304 keeps its validators, unless one of its articles was not
 * handled: the saved copy has only the URLs, and a page that failed may need the source's
 * own content (a feed item's HTML) next time, so the next run reads it in full.
 */
function rememberValidators(store: ValidatorStore, outcomes: readonly SourceOutcome[], unfinished: ReadonlySet<string>): void {
  for (const outcome of outcomes) {
    if (!outcome.stateKey || outcome.error) continue;
    if (outcome.notModified) {
      if (unfinished.has(outcome.source)) store.delete(outcome.stateKey);
      continue;
    }
    if (unfinished.has(outcome.source) || !outcome.validators) store.delete(outcome.stateKey);
    else store.set(outcome.stateKey, outcome.validators, outcome.items.map((item) => item.url));
  }
}
