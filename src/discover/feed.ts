/** RSS/Atom discovery: fetch the text with our HTTP client, then let rss-parser read it. */
import Parser from 'rss-parser';
import type { DiscoveredItem } from './types.js';
import { correctMislabelledTimes } from './feed-time.js';
import { normalizeArticleLink } from './normalize.js';

type FeedItem = Parser.Item & { contentEncoded?: string; id?: string; author?: string };

const parser: Parser<Record<string, unknown>, FeedItem> = new Parser({
  customFields: { item: [['content:encoded', 'contentEncoded']] },
});

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
  for (const entry of feed.items) {
    const link = entry.link ?? (entry.guid?.startsWith('http') ? entry.guid : undefined);
    if (!link) continue;
    const verdict = normalizeArticleLink(link, publicUrl, origin);
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
      publishedHint: entry.isoDate ?? entry.pubDate,
      tags: tags.length ? tags : undefined,
      author: (entry.creator ?? entry.author)?.trim() || undefined,
      feedHtml: html?.trim() ? html : undefined,
      via: publicUrl,
    });
  }
  const timeCorrection = correctMislabelledTimes(items, now);
  return { items, skippedLinks, notes: timeCorrection ? [timeCorrection] : [] };
}
