/**
 * The main job, wired top to bottom: discover → fetch → extract → convert → write.
 * Each stage is plain data in, plain data out; this module only sequences them and
 * keeps the score. One broken article never sinks the run (RSSHub #16043).
 */
import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import pLimit from 'p-limit';
import { discover } from '../discover/index.js';
import type { DiscoveredItem, SourceOutcome } from '../discover/types.js';
import { ValidatorStore } from '../fetch/validator-store.js';
import { ExtractError } from '../extract/errors.js';
import type { Article } from '../extract/types.js';
import { FetchError, HttpClient, type HttpResponse } from '../fetch/http.js';
import { RobotsDeniedError, RobotsUnreachableError, SiteFetcher } from '../fetch/site-fetcher.js';
import type { Logger } from '../log.js';
import type { Section } from '../site/sections.js';
import { parseStoryRef, PUBLIC_ORIGINS } from '../site/urls.js';
import { formatIsoSingapore, parseZaobaoTime } from '../time/singapore.js';
import { instantInWindow, type DateWindow } from '../discover/window.js';
import { indexExistingPosts } from '../write/existing.js';
import { checkOutputDirectory, lockDirectory } from '../write/lock.js';
import type { PostOptions } from '../write/post.js';
import { uniqueName } from '../write/slug.js';
import { POST_EXTENSION, postFileStem } from '../write/post-name.js';
import { workerStages, type StageRunner } from './stage-runner.js';
import { nextTurn } from '../cpu-turns.js';

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
  /** Called as articles finish, for a progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface Failure {
  url: string;
  reason: string;
}

export interface WrittenPost {
  file: string;
  url: string;
  title: string;
  storyId: string;
  paywalled: boolean;
  extractor: string;
  source: 'page' | 'feed';
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

function reasonOf(error: unknown): string {
  if (error instanceof FetchError || error instanceof ExtractError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

export async function runFetch(options: FetchRunOptions): Promise<RunResult> {
  const started = Date.now();
  const { log } = options;
  const stages = workerStages((reason) => log.warn(`the extraction worker stopped (${reason}); extracting on the main thread`));
  // Made before the lock is taken: a client that cannot be made (a malformed proxy variable
  // got past the CLI's check) leaves no lock behind. It opens no connection until asked.
  const http = new HttpClient({
    timeoutMs: options.timeoutMs,
    retries: options.retries,
    hostDelayMs: options.hostDelayMs,
    userAgent: options.userAgent,
    origin: options.origin,
    // Two at least: robots.txt and the first source are read at once, on one origin behind a mirror.
    connectionsPerOrigin: Math.max(options.concurrency, 2),
    signal: options.signal,
    onRetry: (url, attempt, reason, delayMs) => log.debug(`retry ${attempt} for ${url} in ${delayMs} ms (${reason})`),
  });
  // A dry run writes nothing, so it needs no lock. LockedError and OutputDirectoryError go to the caller.
  if (options.dryRun) await checkOutputDirectory(options.outDir);
  const lock = options.dryRun ? undefined : await lockDirectory(options.outDir);
  if (lock?.tookOverFrom) log.warn(`took over a stale lock of pid ${lock.tookOverFrom.pid} on ${lock.tookOverFrom.host}`);
  const state = options.statePath && !options.dryRun ? await ValidatorStore.load(options.statePath) : undefined;
  if (state?.problem) log.warn(state.problem);
  const fetcher = new SiteFetcher(http, {
    origin: options.origin, respectRobots: options.respectRobots, userAgent: options.userAgent, log, robotsCache: state?.store,
  });
  const summary: RunSummary = {
    discovered: 0, written: 0, skipped: 0, updated: 0, failed: 0, deferred: 0, paywalled: 0, fromFeed: 0, outsideWindow: 0, paywalledSkipped: [], disallowed: [],
    dryRun: options.dryRun, interrupted: false, requests: 0, durationMs: 0, failures: [], posts: [], sources: [],
  };
  try {
    const discovering = Promise.all([
      indexExistingPosts(options.outDir),
      // An update re-reads everything, so it asks for full responses.
      discover({ sections: options.sections, feeds: options.feeds, window: options.window, validators: options.update ? undefined : state?.store }, fetcher, log),
    ]);
    // After discovery's first requests: a feed on another host (RSSHub, a mirror) leaves first,
    // as it need not wait for robots.txt; a source on the site asks for robots.txt itself.
    fetcher.prefetchRobots(PUBLIC_ORIGINS);
    // Once the sources' requests are out, the stages' modules load on the worker while they travel.
    void nextTurn().then(() => stages.prepare());
    const [existing, discovery] = await discovering;
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

    const fresh = discovery.items.filter((item) => !existing.byStory.has(item.story.id));
    // --limit caps the new articles; an update re-reads every present one besides.
    const taken = new Set(options.limit !== undefined ? fresh.slice(0, options.limit) : fresh);
    const deferred = fresh.filter((item) => !taken.has(item));
    const queue = discovery.items.filter((item) => taken.has(item) || (options.update && existing.byStory.has(item.story.id)));
    summary.skipped = options.update ? 0 : discovery.items.length - fresh.length;
    summary.deferred = deferred.length;
    // Sources with an article not handled yet must be read in full next time, not answered 304.
    const unfinishedSources = new Set(deferred.map((item) => item.via));
    // The state is saved as soon as every article is past the network, while the worker still
    // converts the last pages, so that the run's end does not wait for the file (about 10 ms
    // of a run's tail on a small VM). What happens after that (an article failing, the run
    // being interrupted) saves it again at the end.
    let stateSaved: Promise<void> | undefined;
    let unfinishedWhenSaved = 0;
    let saveFailed = false;
    const saveState = async () => {
      if (!state) return;
      rememberValidators(state.store, discovery.outcomes, unfinishedSources);
      unfinishedWhenSaved = unfinishedSources.size;
      // A state file that cannot be saved costs the next run only full reads of its sources,
      // and must cost this one neither its posts nor its summary.
      await state.store.save().catch((error: unknown) => {
        if (!saveFailed) log.warn(`could not save ${options.statePath}: ${(error as Error).message}; the next run reads every source in full`);
        saveFailed = true;
      });
    };
    log.info(`${summary.discovered} articles discovered, ${summary.skipped} already present, ${queue.length} to fetch`);

    // --concurrency bounds the requests in flight; each page is processed as soon as it
    // arrives, so a batch of answers never holds back the next requests.
    const requestSlots = pLimit(options.concurrency);
    const fetchPage = (url: string) => requestSlots(() => (options.signal?.aborted ? Promise.reject(new FetchError('interrupted')) : fetcher.get(url)));
    // Articles under way (fetched, being processed or written) are bounded too, so that a
    // backfill of thousands holds only a handful of pages at a time.
    const itemSlots = pLimit(options.concurrency * 2);
    let done = 0;
    // An item makes at most one request (retries and robots.txt included) and none after it.
    // Once every item is past its request, the pool closes and the state is saved: tearing
    // down the pool's sockets takes 4–9 ms of this thread and the save about as long, spent
    // while the worker still converts the last pages rather than after them.
    let pastNetwork = 0;
    const handle = async (item: DiscoveredItem) => {
      let left = false;
      const leaveNetwork = () => {
        if (left) return;
        left = true;
        if (++pastNetwork < queue.length) return;
        void http.close().catch(() => {});
        if (state && !options.signal?.aborted) stateSaved = saveState();
      };
      const fetchOnce = (url: string) => fetchPage(url).finally(leaveNetwork);
      try {
        await processItem(item, existing.byStory.get(item.story.id), { options, fetchPage: fetchOnce, stages, summary, takenNames: existing.names });
      } catch (error) {
        if (options.signal?.aborted) return;
        const reason = reasonOf(error);
        summary.failures.push({ url: item.url, reason });
        unfinishedSources.add(item.via);
        log.warn(`failed ${item.url}: ${reason}`);
      } finally {
        leaveNetwork();
      }
      options.onProgress?.(++done, queue.length);
    };
    await Promise.all(queue.map((item) => itemSlots(() => handle(item))));
    // No stage is called from here on (the pool closed as the last item left the network). The
    // worker takes 5–8 ms to stop, and the process waits for it before it exits: stopped now,
    // it does so while the run saves its state.
    void stages.close();
    summary.interrupted = options.signal?.aborted ?? false;
    // Left-out paywalled stories are fetched again by later runs, like failures.
    const sourceOf = new Map(discovery.items.map((item) => [item.url, item.via]));
    for (const url of summary.paywalledSkipped) unfinishedSources.add(sourceOf.get(url)!);
    await stateSaved;
    if (summary.interrupted) {
      // Saved before the stop: every source is read in full next time, as if this run had
      // saved nothing (its robots.txt copies are kept).
      if (stateSaved) {
        for (const outcome of discovery.outcomes) unfinishedSources.add(outcome.source);
        await saveState();
      }
    } else if (!stateSaved || unfinishedSources.size !== unfinishedWhenSaved) {
      await saveState();
    }
    summary.failed = summary.failures.length;
    return { kind: 'completed', summary };
  } finally {
    summary.requests = http.requestCount;
    summary.durationMs = Date.now() - started;
    // No answer is awaited from either any more: the worker and the pool's sockets wind down
    // while the run reports, and the process exits once they are gone.
    void stages.close();
    http.close().catch(() => {});
    await lock?.release();
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

/** What handling one discovered article needs from its run. */
interface ItemContext {
  options: FetchRunOptions;
  /** Fetches a page within the run's request slots. */
  fetchPage: (url: string) => Promise<HttpResponse>;
  stages: StageRunner;
  summary: RunSummary;
  /** File names in the output directory, and those this run has given out. */
  takenNames: Set<string>;
}

/** The article from its page; throws FetchError or ExtractError when the page is unusable. */
async function articleFromPage(item: DiscoveredItem, { options, fetchPage, stages }: ItemContext): Promise<Article> {
  const response = await fetchPage(item.url);
  // A deleted story often redirects to the home page, which must not become a post.
  if (!parseStoryRef(new URL(response.url).pathname)) {
    throw new ExtractError(`redirected to ${response.url}, which is not an article page`);
  }
  const article = await stages.run('extractArticlePage', response.bytes, response.contentType, item.url, {
    published: parseZaobaoTime(item.publishedHint),
    title: item.title,
  });
  if (!article.section && item.section) article.section = item.section;
  if (article.generation === 'generic') {
    options.log.warn(`${item.url}: no known page layout matched; used the generic extractor`);
  }
  for (const warning of article.warnings ?? []) options.log.warn(`${item.url}: ${warning}`);
  return article;
}

/** The feed item's own HTML as an article, when it carries one. */
async function articleFromFeed(item: DiscoveredItem, { options, stages }: ItemContext): Promise<Article | undefined> {
  const article = await stages.run('articleFromFeedItem', item);
  for (const warning of article?.warnings ?? []) options.log.warn(`${item.url}: ${warning}`);
  return article;
}

/** A post zb-scrape wrote about this story; anything else in the directory is never touched. */
function isOwnPost(frontMatter: Record<string, unknown> | undefined, storyId: string): boolean {
  return String(frontMatter?.story_id ?? '') === storyId && typeof frontMatter?.from === 'string';
}

interface ExistingPost {
  name: string;
  content: string;
  fromFeed: boolean;
  paywalled: boolean;
}

async function readExistingPost(name: string, item: DiscoveredItem, { options, stages }: ItemContext): Promise<ExistingPost | undefined> {
  const content = await readFile(join(options.outDir, name), 'utf8');
  const frontMatter = await stages.run('parseFrontMatter', content);
  if (!isOwnPost(frontMatter, item.story.id)) {
    options.log.debug(`${name}: not written by zb-scrape; left alone`);
    return undefined;
  }
  return { name, content, fromFeed: frontMatter?.source === 'feed', paywalled: frontMatter?.paywalled === true };
}

async function processItem(item: DiscoveredItem, existingName: string | undefined, context: ItemContext): Promise<void> {
  const { options, stages, summary, takenNames } = context;
  if (options.signal?.aborted) return;
  const existing = existingName ? await readExistingPost(existingName, item, context) : undefined;
  if (existingName && !existing) {
    summary.skipped++;
    return;
  }
  // An update never downgrades a post made from the page to one made from the feed.
  const feedAllowed = !existing || existing.fromFeed;
  const preferFeed = options.prefer === 'feed' && feedAllowed;
  let article = preferFeed && (await stages.run('isWholeArticle', item)) ? await articleFromFeed(item, context) : undefined;
  let source: 'page' | 'feed' = 'feed';
  if (!article) {
    try {
      article = await articleFromPage(item, context);
      source = 'page';
    } catch (error) {
      // Only a whole article: a teaser written as the post would stand for the story for good,
      // where a failure is tried again by the next run. Nor for a page not even asked for
      // because robots.txt could not be read: the next run will likely have the page itself.
      const noStandIn = options.signal?.aborted || !feedAllowed || error instanceof RobotsUnreachableError;
      const fallback = noStandIn || !(await stages.run('isWholeArticle', item)) ? undefined : await articleFromFeed(item, context);
      if (!fallback && error instanceof RobotsDeniedError) {
        summary.disallowed.push(item.url);
        options.log.warn(`${item.url}: disallowed by the site's robots.txt; not fetched (--ignore-robots to override)`);
        return;
      }
      if (!fallback) throw error;
      options.log.warn(`${item.url}: ${reasonOf(error)}; post built from the feed item's content`);
      article = fallback;
    }
  }
  // The story id's day decided the fetch, and stands for --from/--to: it is the day the site
  // files the story under, and a window of the next day never fetches it. --since is an
  // instant, which the page's exact time decides.
  if (options.window?.sinceMs !== undefined && !instantInWindow(article.published, { sinceMs: options.window.sinceMs })) {
    summary.outsideWindow++;
    options.log.debug(`${item.url}: published ${formatIsoSingapore(article.published)}, outside the date window`);
    return;
  }
  // A story that went behind the paywall after it was archived keeps its whole post.
  if (article.paywalled && existing && !existing.paywalled) {
    summary.skipped++;
    options.log.info(`${item.url}: now paywalled; the whole post already written is kept`);
    return;
  }
  if (article.paywalled && options.skipPaywalled) {
    summary.paywalledSkipped.push(item.url);
    options.log.info(`${item.url}: paywalled; left out (--skip-paywalled)`);
    return;
  }
  const stem = postFileStem(article, options.post);
  // An updated post keeps its name while its day holds; a new one never takes a taken name.
  // A post in a subfolder (_posts/2026/) stays in it.
  const folder = existing ? dirname(existing.name) : '.';
  const keepName = existing && basename(existing.name).startsWith(stem.slice(0, 'YYYY-MM-DD-'.length));
  const fileName = keepName ? existing.name : join(folder, uniqueName(stem, POST_EXTENSION, (name) => takenNames.has(join(folder, name))));
  takenNames.add(fileName);
  // Rendered and written on the stages' thread: this one keeps to the network.
  const post = await stages.run('savePost', article, options.post, { source, fileName }, {
    dir: options.dryRun ? undefined : options.outDir,
    overwrite: existing !== undefined,
    previousContent: existing?.name === fileName ? existing.content : undefined,
  });
  const file = join(options.outDir, post.fileName);
  if (post.unchanged) {
    summary.skipped++;
    return;
  }
  // The story moved to another day (a corrected time): the old file goes once the new one is in place.
  if (!options.dryRun && existing && existing.name !== post.fileName) await unlink(join(options.outDir, existing.name));
  if (existing) summary.updated++;
  else summary.written++;
  if (article.paywalled) summary.paywalled++;
  if (source === 'feed') summary.fromFeed++;
  summary.posts.push({
    file, url: article.url, title: article.title, storyId: item.story.id, paywalled: article.paywalled, extractor: article.generation, source,
  });
  options.log.debug(`${options.dryRun ? 'would write' : existing ? 'updated' : 'wrote'} ${file}`);
}
