/** RSS/Atom discovery: fetch the text with our HTTP client, then let rss-parser read it. */
import Parser from 'rss-parser';
import type { DiscoveredItem } from './types.js';
import { correctMislabelledTimes } from './feed-time.js';
import { normalizeArticleLink } from './normalize.js';

type FeedItem = Parser.Item & { contentEncoded?: string; id?: string; author?: string; published?: string; updated?: string; dcDate?: string };

/**
 * Dates are kept as the feed wrote them (Atom's `published`/`updated`, `dc:date`): rss-parser's
 * own `isoDate`, and an Atom entry's `pubDate`, went through `new Date()`, which reads a time
 * with no zone in the machine's zone (Singapore's is meant) and labels every time UTC.
 */
const parser: Parser<Record<string, unknown>, FeedItem> = new Parser({
  customFields: { item: [['content:encoded', 'contentEncoded'], 'published', 'updated', ['dc:date', 'dcDate']] },
});

/**
 * rss-parser turns an Atom entry's <published> and <updated> into ISO strings with
 * `new Date().toISOString()`, which throws on a date it cannot read (`2026年11月26日 10:00`) and
 * takes the whole feed down with it. It gets only the dates it can read; the texts themselves
 * are what zb-scrape reads anyway (rawTime).
 */
type AtomEntry = Record<string, unknown> & { published?: unknown; updated?: unknown };
const internals = parser as unknown as { parseItemAtom?: (entry: AtomEntry) => FeedItem };
const parseItemAtom = internals.parseItemAtom?.bind(parser);
if (parseItemAtom) {
  const unreadable = (value: unknown) => Array.isArray(value) && typeof value[0] === 'string' && Number.isNaN(Date.parse(value[0]));
  internals.parseItemAtom = (entry) => {
    if (!unreadable(entry.published) && !unreadable(entry.updated)) return parseItemAtom(entry);
    const { published, updated, ...rest } = entry;
    const item = parseItemAtom({ ...rest, ...(unreadable(updated) ? {} : { updated }) });
    const text = (value: unknown) => (Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);
    return { ...item, published: text(published), updated: text(updated) };
  };
}

/** The item's time as the feed wrote it. */
function rawTime(entry: FeedItem): string | undefined {
  const texts = [entry.published, entry.updated, entry.dcDate].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
  // An RSS item's pubDate is the text itself; an Atom entry's was rewritten (above).
  return texts[0] ?? entry.pubDate ?? entry.isoDate;
}

export class NotAFeedError extends Error {
  override name = 'NotAFeedError';
}

/** A feed must be XML; official Zaobao feed URLs often answer with an HTML page instead. */
function assertLooksLikeFeed(text: string): void {
  const head = text.replace(/^\uFEFF/, '').trimStart().slice(0, 512).toLowerCase();
  const isXml = head.startsWith('<?xml') || /^<(rss|feed|rdf:rdf)[\s>]/.test(head);
  if (isXml) return;
  const looksHtml = head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<head');
  throw new NotAFeedError(looksHtml ? 'returned an HTML page instead of a feed' : 'did not return XML');
}

function categoryNames(categories: unknown): string[] {
  if (!Array.isArray(categories)) return [];
  return categories
    .map((category: unknown) => {
      if (typeof category === 'string') return category;
      if (category && typeof category === 'object' && '_' in category) return String((category as { _: unknown })._);
      return '';
    })
    .map((name) => name.trim())
    .filter(Boolean);
}

export interface ParsedFeed {
  items: DiscoveredItem[];
  skippedLinks: string[];
  /** What was done to the feed's data, for --verbose. */
  notes: string[];
}

/** Parses feed XML into discovered items; `publicUrl` is the feed's own address for relative links. */
export async function parseFeed(xml: string, publicUrl: string, origin: URL | undefined, now = Date.now()): Promise<ParsedFeed> {
  assertLooksLikeFeed(xml);
  let feed;
  try {
    feed = await parser.parseString(xml);
  } catch (error) {
    throw new NotAFeedError(`is not valid RSS/Atom: ${(error as Error).message.split('\n')[0]}`);
  }
  const items: DiscoveredItem[] = [];
  const skippedLinks: string[] = [];
  // Relative links are the channel's (its <link>, the site the feed is about), not the
  // address it was read from: a feed served by a third party points at the site.
  const channel = typeof feed.link === 'string' && /^https?:\/\//i.test(feed.link.trim()) ? feed.link.trim() : undefined;
  const base = channel ?? publicUrl;
  for (const entry of feed.items) {
    // The article's address: the link, else a permalink guid or an Atom id (an empty <link>,
    // or one to a section page while the guid names the story).
    const ids = [entry.guid, entry.id].filter((value) => /^\s*https?:\/\//i.test(value ?? '')); // not a bare "story2026…-1"
    const candidates = [entry.link, ...ids].filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    const verdicts = candidates.map((candidate) => normalizeArticleLink(candidate, base, origin));
    const verdict = verdicts.find((candidate) => candidate.ok) ?? verdicts[0];
    if (!verdict) continue;
    if (!verdict.ok) {
      skippedLinks.push(verdict.reason);
      continue;
    }
    const html = entry.contentEncoded ?? entry.content;
    const tags = categoryNames(entry.categories);
    items.push({
      url: verdict.url,
      story: verdict.story,
      title: entry.title?.trim() || undefined,
      publishedHint: rawTime(entry),
      tags: tags.length ? tags : undefined,
      author: (entry.creator ?? entry.author)?.trim() || undefined,
      feedHtml: html?.trim() ? html : undefined,
      via: publicUrl,
    });
  }
  const timeCorrection = correctMislabelledTimes(items, now);
  return { items, skippedLinks, notes: timeCorrection ? [timeCorrection] : [] };
}
