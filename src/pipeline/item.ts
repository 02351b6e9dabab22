/**
 * One discovered story, from its page (or its feed item) to its post: fetch, extract, decide,
 * render, write. What to do at each turn is decided by decision.ts; this carries it out.
 */
import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DiscoveredItem } from '../discover/types.js';
import { ExtractError } from '../extract/errors.js';
import { articleFromFeedItem, isWholeArticle } from '../extract/feed-item.js';
import { detectGeneration, extractArticle } from '../extract/index.js';
import type { Article } from '../extract/types.js';
import { FetchError, type HttpResponse } from '../fetch/http.js';
import { RobotsDeniedError, RobotsUnreachableError } from '../fetch/site-fetcher.js';
import type { Logger } from '../log.js';
import { parseStoryRef } from '../site/urls.js';
import { formatIsoSingapore, parseZaobaoTime, singaporeDay } from '../time/singapore.js';
import { writeFileAtomic } from '../write/atomic.js';
import { parseFrontMatter } from '../write/front-matter.js';
import { makeDirectory } from '../write/lock.js';
import { removeBundlePictures, type PictureStore } from '../write/pictures.js';
import { BUNDLE_POST } from '../write/existing.js';
import { POST_EXTENSION, postFileStem, postStem, renderPost, type PostOptions } from '../write/post.js';
import { uniqueName } from '../write/slug.js';
import { keepPictures, keptPictureLinks, type PictureScore } from './pictures.js';
import { chooseContent, decideWrite, type ExistingPost, type PageFailure } from './decision.js';
import { reasonOf } from './reason.js';
import { savePage } from './save-pages.js';
import { PageTooComplexError } from '../html/parse.js';

export interface ItemContext {
  outDir: string;
  dryRun: boolean;
  prefer: 'page' | 'feed';
  skipPaywalled: boolean;
  sinceMs?: number;
  post: PostOptions;
  log: Logger;
  signal?: AbortSignal;
  /** Fetches a page within the run's request slots. */
  fetchPage: (url: string) => Promise<HttpResponse>;
  /** File names in the output directory, and those this run has given out. */
  takenNames: Set<string>;
  /** Hears of every article page read, and of those no extractor could read. */
  health?: { pageRead(url: string, article: Article): void; pageUnreadable(url: string): void };
  /** --save-pages: where pages no known layout could read are kept. */
  savePagesDir?: string;
  /** --images download: where pictures are kept, and the run's count of them. */
  pictures?: { store: PictureStore; score: PictureScore };
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

/** How handling one item ended; a failure is thrown. */
export type ItemOutcome =
  | { kind: 'written' | 'updated'; post: WrittenPost }
  /** Nothing to do: a post not written by zb-scrape, the same post again, a now-paywalled story kept whole. */
  | { kind: 'skipped' }
  | { kind: 'disallowed' }
  /** The page answered 404 or 410, with `status`. */
  | { kind: 'gone'; status: number }
  | { kind: 'outside-window' }
  | { kind: 'paywalled-skipped' }
  | { kind: 'interrupted' };

function pageFailure(error: unknown, signal: AbortSignal | undefined): PageFailure {
  if (signal?.aborted) return 'interrupted';
  if (error instanceof FetchError && (error.status === 404 || error.status === 410)) return 'gone';
  if (error instanceof RobotsDeniedError) return 'robots-denied';
  if (error instanceof RobotsUnreachableError) return 'robots-unreachable';
  return 'other';
}

/** The article from its page; throws FetchError or ExtractError when the page is unusable. */
async function articleFromPage(item: DiscoveredItem, context: ItemContext): Promise<Article> {
  const response = await context.fetchPage(item.url);
  // A deleted story often redirects to the home page, which must not become a post.
  if (!parseStoryRef(new URL(response.url).pathname)) {
    throw new ExtractError(`redirected to ${response.url}, which is not an article page`);
  }
  let article: Article;
  try {
    article = extractArticle(response.text, item.url, { published: parseZaobaoTime(item.publishedHint), title: item.title });
  } catch (error) {
    if (!(error instanceof ExtractError || error instanceof PageTooComplexError)) throw error;
    context.health?.pageUnreadable(item.url);
    await keepPage(item, response, context.savePagesDir ? detectGeneration(response.text, item.url) : undefined, error.message, context);
    throw error;
  }
  if (!article.section && item.section) article.section = item.section;
  context.health?.pageRead(item.url, article);
  if (article.generation === 'generic') {
    context.log.warn(`${item.url}: no known page layout matched; used the generic extractor`);
    await keepPage(item, response, 'generic', 'no known page layout matched', context);
  }
  for (const warning of article.warnings ?? []) context.log.warn(`${item.url}: ${warning}`);
  return article;
}

/** With --save-pages, a page no known layout could read is kept; failing to keep it fails nothing. */
async function keepPage(item: DiscoveredItem, response: HttpResponse, generation: string | undefined, reason: string, context: ItemContext): Promise<void> {
  if (!context.savePagesDir) return;
  await savePage(context.savePagesDir, item.story.id, item.url, response, generation, reason).catch((error: unknown) => {
    context.log.warn(`could not save the page of ${item.url} in ${context.savePagesDir}: ${(error as Error).message}`);
  });
}

/** The feed item's own HTML as an article. */
function articleFromFeed(item: DiscoveredItem, context: ItemContext): Article | undefined {
  const article = articleFromFeedItem(item);
  for (const warning of article?.warnings ?? []) context.log.warn(`${item.url}: ${warning}`);
  return article;
}

/** A post zb-scrape wrote about this story; anything else in the directory is never touched. */
async function readExistingPost(name: string, storyId: string, context: ItemContext) {
  const content = await readFile(join(context.outDir, name), 'utf8');
  const frontMatter = parseFrontMatter(content);
  if (String(frontMatter?.story_id ?? '') !== storyId || typeof frontMatter?.from !== 'string') return undefined;
  const facts: ExistingPost = { fromFeed: frontMatter.source === 'feed', paywalled: frontMatter.paywalled === true };
  return { name, content, ...facts };
}

/** The article and where it came from, or how the item ends without one. */
async function obtainArticle(
  item: DiscoveredItem,
  existing: ExistingPost | undefined,
  context: ItemContext,
): Promise<{ article: Article; source: 'page' | 'feed' } | { outcome: ItemOutcome }> {
  // The feed item is looked at only when it may be used: by default, the page comes first.
  const facts = { prefer: context.prefer, existing, feedWhole: context.prefer === 'feed' && isWholeArticle(item) };
  if (chooseContent(facts) === 'feed') {
    const article = articleFromFeed(item, context);
    if (article) return { article, source: 'feed' };
  }
  try {
    return { article: await articleFromPage(item, context), source: 'page' };
  } catch (error) {
    const failure = pageFailure(error, context.signal);
    const feedWhole = context.prefer === 'feed' ? facts.feedWhole : isWholeArticle(item);
    let choice = chooseContent({ ...facts, feedWhole, page: failure });
    const article = choice === 'feed' ? articleFromFeed(item, context) : undefined;
    if (article) {
      context.log.warn(`${item.url}: ${reasonOf(error)}; post built from the feed item's content`);
      return { article, source: 'feed' };
    }
    // A feed item that looked whole but holds no article after cleaning stands in for nothing.
    if (choice === 'feed') choice = chooseContent({ ...facts, feedWhole: false, page: failure });
    if (choice === 'disallowed') {
      context.log.warn(`${item.url}: disallowed by the site's robots.txt; not fetched (--ignore-robots to override)`);
      return { outcome: { kind: 'disallowed' } };
    }
    if (choice === 'gone') {
      context.log.warn(`${item.url}: ${reasonOf(error)}; the story is gone (asked for again after a day, then a week)`);
      return { outcome: { kind: 'gone', status: (error as FetchError).status! } };
    }
    if (failure === 'interrupted') return { outcome: { kind: 'interrupted' } };
    throw error;
  }
}

/**
 * The post's file name, relative to the output directory. An updated post keeps its name while
 * its day holds; a new one never takes a taken name. A post in a subfolder (_posts/2026/) stays
 * in it. Hugo posts with pictures are page bundles (`<name>/index.md`), and a post once a bundle
 * stays one.
 */
function choosePostName(article: Article, existingName: string | undefined, context: ItemContext): string {
  const stem = postFileStem(article, context.post);
  const existingBundle = existingName !== undefined && basename(existingName) === BUNDLE_POST;
  const bundle = existingBundle || (context.post.flavor === 'hugo' && context.pictures !== undefined);
  const home = existingName ? dirname(existingBundle ? dirname(existingName) : existingName) : '.';
  const inPlace = (name: string) => (bundle ? join(home, name, BUNDLE_POST) : join(home, `${name}${POST_EXTENSION}`));
  if (existingName) {
    const existingStem = postStem(existingName);
    if (existingStem.startsWith(stem.slice(0, 'YYYY-MM-DD-'.length))) return existingBundle || !bundle ? existingName : inPlace(existingStem);
  }
  const taken = (name: string) => context.takenNames.has(join(home, `${name}${POST_EXTENSION}`)) || context.takenNames.has(join(home, name, BUNDLE_POST));
  return inPlace(uniqueName(stem, '', taken));
}

/** Handles one story; throws when it fails (the next run tries it again). */
export async function handleItem(item: DiscoveredItem, existingName: string | undefined, context: ItemContext): Promise<ItemOutcome> {
  const { log } = context;
  if (context.signal?.aborted) return { kind: 'interrupted' };
  const existing = existingName ? await readExistingPost(existingName, item.story.id, context) : undefined;
  if (existingName && !existing) {
    log.debug(`${existingName}: not written by zb-scrape; left alone`);
    return { kind: 'skipped' };
  }
  const obtained = await obtainArticle(item, existing, context);
  if ('outcome' in obtained) return obtained.outcome;
  const { article, source } = obtained;

  const decision = decideWrite({ published: article.published, paywalled: article.paywalled, existing, sinceMs: context.sinceMs, skipPaywalled: context.skipPaywalled });
  if (decision.action === 'leave-out' && decision.why === 'outside-window') {
    log.debug(`${item.url}: published ${formatIsoSingapore(article.published)}, outside the date window`);
    return { kind: 'outside-window' };
  }
  if (decision.action === 'keep') {
    log.info(`${item.url}: now paywalled; the whole post already written is kept`);
    return { kind: 'skipped' };
  }
  if (decision.action === 'leave-out') {
    log.info(`${item.url}: paywalled; left out (--skip-paywalled)`);
    return { kind: 'paywalled-skipped' };
  }

  const fileName = choosePostName(article, existing?.name, context);
  context.takenNames.add(fileName);
  const file = join(context.outDir, fileName);

  // Pictures go first: a post never shows a picture that is not there yet. A dry run shows those already kept.
  let pictures: Map<string, string> | undefined;
  if (context.pictures) {
    const { store } = context.pictures;
    const folder = store.folderFor({ storyId: item.story.id, year: singaporeDay(article.published).slice(0, 4), file });
    if (context.dryRun) pictures = keptPictureLinks(article, folder, store);
    else pictures = await keepPictures(article, folder, { ...context.pictures, log, signal: context.signal });
    if (context.signal?.aborted) return { kind: 'interrupted' };
  }
  const post = renderPost(article, context.post, { source, fileName, pictures });
  if (existing?.name === fileName && existing.content === post.content) return { kind: 'skipped' };
  if (!context.dryRun) {
    if (basename(fileName) === BUNDLE_POST) await makeDirectory(dirname(file));
    await writeFileAtomic(file, post.content, { overwrite: existing !== undefined });
    // The story moved to another day (a corrected time) or into a page bundle: the old file goes once the new one is in place.
    if (existing && existing.name !== fileName) {
      await unlink(join(context.outDir, existing.name));
      if (basename(existing.name) === BUNDLE_POST && dirname(existing.name) !== dirname(fileName)) await removeBundlePictures(join(context.outDir, dirname(existing.name)));
    }
  }
  log.debug(`${context.dryRun ? 'would write' : existing ? 'updated' : 'wrote'} ${file}`);
  return {
    kind: existing ? 'updated' : 'written',
    post: { file, url: article.url, title: article.title, storyId: item.story.id, paywalled: article.paywalled, extractor: article.generation, source },
  };
}
