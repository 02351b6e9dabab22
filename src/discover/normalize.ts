import { canonicalArticleUrl, isAllowedArticleHost, isSiteHost, parseStoryRef, pathOnSite, PUBLIC_ORIGINS, tryParseUrl } from '../site/urls.js';
import type { DiscoveredItem } from './types.js';

export type LinkVerdict =
  | { ok: true; url: string; story: NonNullable<ReturnType<typeof parseStoryRef>> }
  | { ok: false; reason: string };

/** Resolves a link found in a source and decides whether it is a fetchable Zaobao article. */
export function normalizeArticleLink(href: string, base: string, origin: URL | undefined): LinkVerdict {
  const url = tryParseUrl(href.trim(), base);
  if (!url || !/^https?:$/.test(url.protocol)) return { ok: false, reason: `not an http(s) link: ${href}` };
  if (!isAllowedArticleHost(url, origin)) return { ok: false, reason: `not a Zaobao host: ${url.href}` };
  const story = parseStoryRef(url.pathname);
  if (!story) return { ok: false, reason: `not an article link: ${url.href}` };
  // A link on the mirror (a feed read from it, with relative or mirror links) is the story on
  // the site: posts say the public address. Every story is on the .sg edition too.
  const publicUrl = isSiteHost(url.hostname) ? url : new URL(`${pathOnSite(url.pathname, origin)}${url.search}`, PUBLIC_ORIGINS[0]);
  return { ok: true, url: canonicalArticleUrl(publicUrl), story };
}

/**
 * Merges items that are the same story (same numeric id, whatever the edition or query),
 * keeping the first one's URL and filling its gaps from the others.
 */
export function mergeItems(items: Iterable<DiscoveredItem>): DiscoveredItem[] {
  const byId = new Map<string, DiscoveredItem>();
  for (const item of items) {
    const known = byId.get(item.story.id);
    if (!known) {
      byId.set(item.story.id, { ...item });
      continue;
    }
    known.title ??= item.title;
    known.publishedHint ??= item.publishedHint;
    known.modifiedHint ??= item.modifiedHint;
    known.feedHtml ??= item.feedHtml;
    known.author ??= item.author;
    known.section ??= item.section;
    if (!known.tags?.length && item.tags?.length) known.tags = item.tags;
  }
  return [...byId.values()];
}
