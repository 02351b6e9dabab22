import type { AnyNode, Document } from '../html/parse.js';

export interface LeadImage {
  url: string;
  caption?: string;
  /** The body already shows this picture, so the post does not repeat it on top. */
  inBody?: boolean;
}

export type MissingField = 'published' | 'byline' | 'leadImage' | 'tags';

/** What extraction learns from one article page: plain data for the convert and write stages. */
export interface Article {
  /** Canonical public URL. */
  url: string;
  title: string;
  /** Epoch milliseconds; written with the +08:00 offset. */
  published: number;
  updated?: number;
  /** Byline names, in page order; empty when the story is unsigned. */
  authors: string[];
  /** Built-in section name (`china`), when known. */
  section?: string;
  tags: string[];
  leadImage?: LeadImage;
  summary?: string;
  /** Cleaned body HTML: only article content, absolute URLs, no scripts or noise. */
  bodyHtml: string;
  paywalled: boolean;
  /** Which page generation's description was used (`sg-react`, `generic`, …). */
  generation: string;
  /** What a user should know about this extraction (a guessed time, …), for the log. */
  warnings?: string[];
  /** Fields no source of the page gave (a time from the feed or the story id counts as none): a sign the site changed. */
  missing?: MissingField[];
}

/** Everything a field source may look at on one page, parsed once. */
export interface Page {
  document: Document;
  /** The address the page is known by (public URL, or the saved file's `--url`). */
  url: string;
  /** ld+json objects whose @type is an article kind, from every valid block. */
  ldArticles: Record<string, unknown>[];
  /** The text of each inline script, in page order. */
  scripts: readonly string[];
  /**
   * What `derive` makes of the page (a generation's data script, where its body is), worked out
   * once however many sources ask: each lookup of a whole page walks all its elements.
   */
  once<T>(derive: (page: Page) => T): T;
}

/** An article body: HTML text (from JSON payloads), or nodes of the parsed page. */
export type BodyContent = string | AnyNode[];

/** One place a value may be found; returns undefined (or empty) when it is not there. */
export type Source<T> = (page: Page) => T | undefined;

/**
 * A page generation described as data: where each field lives, in order of trust,
 * and which of its elements are noise. Adding a generation is adding one of these to the
 * registry (generations/index.ts).
 */
export interface Generation {
  name: string;
  /** True when the page carries this generation's fingerprints (by content, not URL). */
  detect: (page: Page) => boolean;
  title: Source<string>[];
  published: Source<string | number>[];
  updated?: Source<string | number>[];
  authors: Source<string[]>[];
  tags: Source<string[]>[];
  section?: Source<string>[];
  /** Where its pages keep the story's picture; ld+json's and og:image stand in on every generation (SITE_LEAD_IMAGES). */
  leadImage?: Source<LeadImage>[];
  /** The standfirst, when the page gives one (default: ld+json description). */
  summary?: Source<string>[];
  canonicalUrl?: Source<string>[];
  /** The body, first source that yields text wins. */
  body: Source<BodyContent>[];
  /** Selectors of noise inside this generation's body, beyond the site's (SITE_NOISE in clean.ts). */
  clean?: string[];
  /** Small rewrites of the body (restore paragraph order, unwrap wrappers, …). */
  transforms?: Array<(body: Document) => void>;
  /** Markers of this generation's own, beyond the site's (SITE_PAYWALL_MARKERS). */
  paywalled?: Source<boolean>[];
  /** Premium stories were served cut after their first paragraph: a body of one marks one. */
  oneParagraphIsPaywall?: boolean;
  /** Where this generation's listing pages put their article links, for discovery. */
  listingCards?: string[];
}
