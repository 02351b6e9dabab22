/**
 * Discovery: reads each section's sources in order (feeds, then listing pages as the
 * fallback) plus any extra feeds, and returns every article found, merged by story id.
 */
import type { HttpClient } from '../fetch/http.js';
import { FetchError } from '../fetch/http.js';
import type { Logger } from '../log.js';
import type { Section } from '../site/sections.js';
import { toFetchUrl } from '../site/urls.js';
import { NotAFeedError, parseFeed } from './feed.js';
import { parseListing } from './listing.js';
import { mergeItems } from './normalize.js';
import type { DiscoveredItem, SourceOutcome } from './types.js';

export interface DiscoveryPlan {
  sections: readonly Section[];
  feeds: readonly string[];
  origin?: URL;
}

export interface DiscoveryResult {
  items: DiscoveredItem[];
  outcomes: SourceOutcome[];
  /** False when not a single source could be read (exit code 3). */
  anySourceRead: boolean;
}

function describeError(error: unknown): string {
  if (error instanceof FetchError || error instanceof NotAFeedError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

async function readFeed(http: HttpClient, feedUrl: string, origin: URL | undefined): Promise<SourceOutcome> {
  try {
    const response = await http.getText(toFetchUrl(feedUrl, origin));
    const { items, skippedLinks, notes } = await parseFeed(response.text, feedUrl, origin);
    return { source: feedUrl, kind: 'feed', items, skippedLinks, notes };
  } catch (error) {
    return { source: feedUrl, kind: 'feed', items: [], skippedLinks: [], error: describeError(error) };
  }
}

async function readListing(http: HttpClient, section: Section, listingUrl: string, origin: URL | undefined): Promise<SourceOutcome> {
  try {
    const response = await http.getText(toFetchUrl(listingUrl, origin));
    const { items, skippedLinks } = parseListing(response.text, listingUrl, origin, section.paths);
    return { source: listingUrl, kind: 'listing', items, skippedLinks };
  } catch (error) {
    return { source: listingUrl, kind: 'listing', items: [], skippedLinks: [], error: describeError(error) };
  }
}

/** A section's sources in order; the first that yields articles ends the search. */
async function discoverSection(http: HttpClient, section: Section, origin: URL | undefined, log: Logger): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  const attempts = [
    ...section.feeds.map((url) => () => readFeed(http, url, origin)),
    ...section.listings.map((url) => () => readListing(http, section, url, origin)),
  ];
  for (const attempt of attempts) {
    const outcome = await attempt();
    outcomes.push(outcome);
    if (outcome.items.length > 0) {
      for (const item of outcome.items) item.section = section.name;
      log.debug(`${section.name}: ${outcome.items.length} articles from ${outcome.kind} ${outcome.source}`);
      return outcomes;
    }
    const why = outcome.error ?? 'no article links';
    log.warn(`${section.name}: ${outcome.kind} ${outcome.source} ${why}; trying the next source`);
  }
  log.warn(`${section.name}: no source could be read`);
  return outcomes;
}

export async function discover(plan: DiscoveryPlan, http: HttpClient, log: Logger): Promise<DiscoveryResult> {
  const perSection = plan.sections.map((section) => discoverSection(http, section, plan.origin, log));
  const perFeed = plan.feeds.map(async (feedUrl) => {
    const outcome = await readFeed(http, feedUrl, plan.origin);
    if (outcome.error) log.warn(`feed ${feedUrl} ${outcome.error}`);
    else log.debug(`feed ${feedUrl}: ${outcome.items.length} articles`);
    return [outcome];
  });
  const outcomes = (await Promise.all([...perSection, ...perFeed])).flat();
  for (const outcome of outcomes) {
    for (const skipped of outcome.skippedLinks) log.warn(`${outcome.source}: skipped ${skipped}`);
    for (const note of outcome.notes ?? []) log.debug(`${outcome.source}: ${note}`);
  }
  return {
    items: mergeItems(outcomes.flatMap((outcome) => outcome.items)),
    outcomes,
    anySourceRead: outcomes.some((outcome) => !outcome.error),
  };
}
