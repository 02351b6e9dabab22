/**
 * What to do with one discovered story, as pure functions of what is known about it: which
 * content to build the post from, and whether to write it. item.ts gathers the facts and
 * carries the decisions out.
 */

/** A post zb-scrape wrote earlier for this story. */
export interface ExistingPost {
  /** Built from the feed item's content, not from the page. */
  fromFeed: boolean;
  paywalled: boolean;
}

/** How a page request ended when it gave no article. */
export type PageFailure = 'robots-denied' | 'robots-unreachable' | 'interrupted' | 'gone' | 'other';

export interface ContentFacts {
  prefer: 'page' | 'feed';
  existing?: ExistingPost;
  /** The feed item carries a whole article, not a teaser. */
  feedWhole: boolean;
  /** Not asked yet (undefined), read, or how it failed. */
  page?: 'ok' | PageFailure;
}

export type ContentChoice =
  /** Build the post from the feed item. */
  | 'feed'
  /** Fetch the page (or, once fetched, build from it). */
  | 'page'
  /** robots.txt refuses the page and nothing stands in: not a failure. */
  | 'disallowed'
  /** The page answered 404 or 410 and nothing stands in: not a failure; asked for again after a while. */
  | 'gone'
  /** A failure; the next run tries again. */
  | 'fail';

/**
 * The feed item stands in only as a whole article: a teaser written as the post would stand
 * for the story for good, where a failure is tried again by the next run. An update never
 * downgrades a post made from the page to one made from the feed. A page not asked for
 * because robots.txt could not be read gets no stand-in: the next run will likely have it.
 */
export function chooseContent({ prefer, existing, feedWhole, page }: ContentFacts): ContentChoice {
  const feedUsable = feedWhole && (!existing || existing.fromFeed);
  if (page === undefined) return prefer === 'feed' && feedUsable ? 'feed' : 'page';
  if (page === 'ok') return 'page';
  if (feedUsable && page !== 'interrupted' && page !== 'robots-unreachable') return 'feed';
  if (page === 'robots-denied') return 'disallowed';
  return page === 'gone' ? 'gone' : 'fail';
}

export interface WriteFacts {
  /** The article's publish time and paywall flag. */
  published: number;
  paywalled: boolean;
  existing?: ExistingPost;
  /** --since: stories published before this instant are left out. */
  sinceMs?: number;
  skipPaywalled: boolean;
}

export type WriteDecision =
  | { action: 'write' }
  /** Published before --since: the story id's day let it through, the page's own time does not. */
  | { action: 'leave-out'; why: 'outside-window' }
  /** --skip-paywalled: left out, and fetched again by later runs. */
  | { action: 'leave-out'; why: 'paywalled' }
  /** The story went behind the paywall after it was archived: the whole post is kept. */
  | { action: 'keep'; why: 'now-paywalled' };

export function decideWrite({ published, paywalled, existing, sinceMs, skipPaywalled }: WriteFacts): WriteDecision {
  if (sinceMs !== undefined && published < sinceMs) return { action: 'leave-out', why: 'outside-window' };
  if (paywalled && existing && !existing.paywalled) return { action: 'keep', why: 'now-paywalled' };
  if (paywalled && skipPaywalled) return { action: 'leave-out', why: 'paywalled' };
  return { action: 'write' };
}
