import type { Validators } from '../fetch/http.js';
import type { StoryRef } from '../site/urls.js';

/** One article found by discovery, before anything about it is fetched. */
export interface DiscoveredItem {
  /** Canonical public URL (what `from:` says unless the page names a better one). */
  url: string;
  story: StoryRef;
  /** Title as the source gave it: a hint, the page's own title wins. */
  title?: string;
  /** Publish time as the source gave it: a hint, the page's own time wins. */
  publishedHint?: string;
  /** Last change as the source gave it (a sitemap's `<lastmod>` with a time): the story was published no later. */
  modifiedHint?: string;
  tags?: string[];
  /** Byline the source names (feed `author` / `dc:creator`). */
  author?: string;
  /** Full article HTML carried by a feed item (RSSHub items do). */
  feedHtml?: string;
  /** Built-in section that discovered it, when any. */
  section?: string;
  /** The feed or listing page it came from. */
  via: string;
}

/** What one source yielded; `error` says why it yielded nothing. */
export interface SourceOutcome {
  source: string;
  kind: 'feed' | 'listing' | 'sitemap';
  items: DiscoveredItem[];
  error?: string;
  /** Links the source held that were not fetchable articles (other hosts, no story id). */
  skippedLinks: string[];
  /** What was done to the source's data (corrected times, …), for --verbose. */
  notes?: string[];
  /** Answered 304 to a conditional request: unchanged since a run that handled all of it. */
  notModified?: boolean;
  /** ETag / Last-Modified of what was read, for the next run's conditional request. */
  validators?: Validators;
  /** Key of the validators in the state file (the URL, plus the date window when there is one). */
  stateKey?: string;
}
