/**
 * Discovery: reads each section's sources in order (feeds, then listing pages as the
 * fallback) plus any extra feeds, and returns every article found, merged by story id.
 */
import { FetchError } from '../fetch/http.js';
import { itemsFromCache, stateKey, type ConditionalLookup } from './conditional.js';
import type { SiteFetcher } from '../fetch/site-fetcher.js';
import type { Logger } from '../log.js';
import type { Section } from '../site/sections.js';
import { listingPageUrl, MAX_LISTING_PAGES } from './listing-pages.js';
import { itemInWindow, windowStartDay, type DateWindow } from './window.js';
import { singaporeDay } from '../time/singapore.js';
import { mergeItems } from './normalize.js';
import type { DiscoveredItem, SourceOutcome } from './types.js';

export interface DiscoveryPlan {
  sections: readonly Section[];
  feeds: readonly string[];
  /** Only stories of these days are kept; a lower bound also makes this a backfill (sitemaps). */
  window?: DateWindow;
  /** Validators of feeds and sitemaps from earlier runs, for conditional requests. */
  validators?: ConditionalLookup;
}

export interface DiscoveryResult {
  items: DiscoveredItem[];
  outcomes: SourceOutcome[];
  /** False when not a single source could be read (exit code 3). */
  anySourceRead: boolean;
}

/** FetchError and NotAFeedError messages are written for users; anything else says what it is. */
function describeError(error: unknown): string {
  if (error instanceof FetchError || (error instanceof Error && ['NotAFeedError', 'PageTooComplexError'].includes(error.name))) return error.message;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export async function readFeed(fetcher: SiteFetcher, feedUrl: string, plan: DiscoveryPlan): Promise<SourceOutcome> {
  // A feed's saved URLs are all its items, whatever the window: its key is its address.
  const key = stateKey(feedUrl, undefined);
  try {
    const cached = plan.validators?.get(key);
    // The parser loads while the feed travels.
    const parser = import('./feed.js');
    parser.catch(() => {});
    const response = await fetcher.get(feedUrl, { conditional: cached?.validators });
    if (response.status === 304 && cached) {
      return { source: feedUrl, kind: 'feed', items: itemsFromCache(cached, feedUrl, fetcher.origin), skippedLinks: [], notModified: true, stateKey: key };
    }
    const { parseFeed } = await parser;
    const { items, skippedLinks, notes } = await parseFeed(response.text, feedUrl, fetcher.origin);
    return { source: feedUrl, kind: 'feed', items, skippedLinks, notes, validators: response.validators, stateKey: key };
  } catch (error) {
    return { source: feedUrl, kind: 'feed', items: [], skippedLinks: [], error: describeError(error) };
  }
}

export async function readListing(fetcher: SiteFetcher, section: Section, listingUrl: string): Promise<SourceOutcome> {
  try {
    const parser = import('./listing.js');
    parser.catch(() => {});
    const response = await fetcher.get(listingUrl);
    const { parseListing } = await parser;
    const { items, skippedLinks } = parseListing(response.text, listingUrl, fetcher.origin, section.paths);
    return { source: listingUrl, kind: 'listing', items, skippedLinks };
  } catch (error) {
    return { source: listingUrl, kind: 'listing', items: [], skippedLinks: [], error: describeError(error) };
  }
}

/**
 * A section feed whose newest story is older than this has stopped being updated (the site's
 * official feeds are unreliable); the section's next source is read as well.
 */
const STALE_FEED_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The day of the newest story a source listed. */
export const newestDay = (outcome: SourceOutcome): string | undefined => outcome.items.map((item) => item.story.day).sort().at(-1);

/** The newest story day of a feed that has stopped, or undefined for a live one. */
export function staleSince(outcome: SourceOutcome, now: number): string | undefined {
  if (outcome.kind !== 'feed') return undefined;
  const newest = newestDay(outcome);
  return newest && newest < singaporeDay(now - STALE_FEED_DAYS * DAY_MS) ? newest : undefined;
}

/** A section's sources in order; the first that yields current articles ends the search. */
async function discoverSection(fetcher: SiteFetcher, section: Section, plan: DiscoveryPlan, log: Logger): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  const attempts = [
    ...section.feeds.map((url) => () => readFeed(fetcher, url, plan)),
    ...section.listings.map((url) => () => readListing(fetcher, section, url)),
  ];
  for (const attempt of attempts) {
    const outcome = await attempt();
    outcomes.push(outcome);
    if (outcome.notModified) log.debug(`${section.name}: ${outcome.source} unchanged since the last run`);
    // Unchanged counts only with the stories it listed: an official feed that listed none
    // (as the site's often do) must not keep the section from its listing page for good.
    if (outcome.items.length > 0) {
      for (const item of outcome.items) item.section = section.name;
      log.debug(`${section.name}: ${outcome.items.length} articles from ${outcome.kind} ${outcome.source}`);
      const stale = staleSince(outcome, Date.now());
      if (!stale) return outcomes;
      log.warn(`${section.name}: feed ${outcome.source} has no story newer than ${stale}; reading the next source too`);
      continue;
    }
    const why = outcome.error ?? (outcome.notModified ? 'unchanged since the last run, when it listed no article' : 'no article links');
    log.warn(`${section.name}: ${outcome.kind} ${outcome.source} ${why}; trying the next source`);
  }
  if (outcomes.some((outcome) => outcome.items.length > 0)) return outcomes;
  // A warning: the run goes on with the other sources, and exits 0 when they delivered.
  const reasons = outcomes.map((outcome) => `${outcome.source}: ${outcome.error ?? 'no article links'}`).join('; ');
  log.warn(`${section.name}: no source could be read (${reasons})`);
  return outcomes;
}

export async function discover(plan: DiscoveryPlan, fetcher: SiteFetcher, log: Logger): Promise<DiscoveryResult> {
  const perSection = plan.sections.map((section) => discoverSection(fetcher, section, plan, log));
  const perFeed = plan.feeds.map(async (feedUrl) => {
    const outcome = await readFeed(fetcher, feedUrl, plan);
    if (outcome.error) log.warn(`feed ${feedUrl} ${outcome.error}`);
    else log.debug(`feed ${feedUrl}: ${outcome.notModified ? 'unchanged since the last run' : `${outcome.items.length} articles`}`);
    return [outcome];
  });
  const outcomes = (await Promise.all([...perSection, ...perFeed])).flat();
  const window = plan.window ?? {};
  if (windowStartDay(window) && plan.sections.length) outcomes.push(...(await discoverBackfill(fetcher, plan, window, log)));
  else if (windowStartDay(window)) log.warn('--from backfills through the sections\' sitemaps and listing pages; with --feed alone only the feeds are read (add --section to backfill)');
  for (const outcome of outcomes) {
    for (const skipped of outcome.skippedLinks) log.warn(`${outcome.source}: skipped ${skipped}`);
    for (const note of outcome.notes ?? []) log.debug(`${outcome.source}: ${note}`);
  }
  const merged = mergeItems(outcomes.flatMap((outcome) => outcome.items));
  const inWindow = merged.filter((item) => itemInWindow(item, window));
  if (inWindow.length < merged.length) log.debug(`${merged.length - inWindow.length} articles outside the date window dropped`);
  return {
    items: inWindow,
    outcomes,
    anySourceRead: outcomes.some((outcome) => !outcome.error),
  };
}

/**
 * A backfill reaches past what feeds and first listing pages hold: the monthly sitemaps of the
 * window, or, where the site has no sitemaps, the sections' listing pages page by page.
 */
async function discoverBackfill(fetcher: SiteFetcher, plan: DiscoveryPlan, window: DateWindow, log: Logger): Promise<SourceOutcome[]> {
  const today = singaporeDay(Date.now());
  const { discoverFromSitemaps, SITEMAP_INDEX_URL } = await import('./sitemap.js');
  const sitemaps = await discoverFromSitemaps(fetcher, { sections: plan.sections, window, validators: plan.validators }, today);
  for (const outcome of sitemaps) {
    if (outcome.error) log.warn(`sitemap ${outcome.source} ${outcome.error}`);
    else log.debug(`sitemap ${outcome.source}: ${outcome.items.length} articles in the window`);
  }
  const monthly = sitemaps.filter((outcome) => outcome.source !== SITEMAP_INDEX_URL);
  const failed = monthly.filter((outcome) => outcome.error).length;
  if (monthly.length > 0 && failed === 0) return sitemaps;
  // A month that could not be read is found on the listing pages, as a site without sitemaps is.
  log.warn(
    failed && failed < monthly.length
      ? `${failed} of ${monthly.length} monthly sitemaps could not be read; paging through the listing pages for their stories`
      : 'no monthly sitemap could be read; paging through the listing pages instead',
  );
  const paged = await Promise.all(plan.sections.map((section) => paginateListing(fetcher, section, window, log)));
  return [...sitemaps, ...paged.flat()];
}

/** Pages 1, 2, … of the section's first working listing, until a page holds nothing newer than the window. */
async function paginateListing(fetcher: SiteFetcher, section: Section, window: DateWindow, log: Logger): Promise<SourceOutcome[]> {
  const start = windowStartDay(window)!;
  for (const listing of section.listings) {
    const outcomes: SourceOutcome[] = [];
    const seen = new Set<string>();
    for (let page = 1; page <= MAX_LISTING_PAGES; page++) {
      const outcome = await readListing(fetcher, section, listingPageUrl(listing, page));
      outcomes.push(outcome);
      const fresh = outcome.items.filter((item) => !seen.has(item.story.id));
      for (const item of fresh) {
        seen.add(item.story.id);
        item.section = section.name;
      }
      // Listings are newest first: a page with nothing newer than the window ends the walk, as
      // does one that fails or only repeats what was seen. Not the first older story: a page
      // can pin an old one above the new.
      if (outcome.error || fresh.length === 0 || fresh.every((item) => item.story.day < start)) break;
      if (page === MAX_LISTING_PAGES) log.warn(`${section.name}: stopped after ${page} listing pages of ${listing}; older stories of the window were not reached`);
    }
    if (outcomes.some((outcome) => outcome.items.length > 0)) {
      log.debug(`${section.name}: ${seen.size} articles from ${outcomes.length} listing pages of ${listing}`);
      return outcomes;
    }
  }
  return [];
}
