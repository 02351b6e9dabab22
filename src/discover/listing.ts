/** Listing-page discovery: the fallback when no feed of a section can be read. */
import { LISTING_CARDS } from '../extract/generations/index.js';
import { $, parseDocument, select } from '../html/parse.js';
import type { DiscoveredItem } from './types.js';
import { normalizeArticleLink } from './normalize.js';

/**
 * Where article links live on each generation's listing pages (its `listingCards`); they come
 * first, with their titles. Every other story link under the section's paths is taken after
 * them: a card of a shape not known here (a new layout, a feature card that is itself the
 * link) is not missed.
 */
const ARTICLE_LINK_SELECTORS = LISTING_CARDS.join(', ');

export interface ParsedListing {
  items: DiscoveredItem[];
  skippedLinks: string[];
}

export function parseListing(
  html: string,
  publicUrl: string,
  origin: URL | undefined,
  sectionPaths: readonly string[],
): ParsedListing {
  const document = parseDocument(html);
  const known = select(document, ARTICLE_LINK_SELECTORS).filter('a[href]');
  const anchors = [...known.toArray(), ...select(document, 'a[href*="story"]').not(known).toArray()];
  const items: DiscoveredItem[] = [];
  const skippedLinks: string[] = [];
  const seen = new Set<string>();
  anchors.forEach((element) => {
    const anchor = $(element);
    const href = anchor.attr('href') ?? '';
    const verdict = normalizeArticleLink(href, publicUrl, origin);
    if (!verdict.ok) {
      // A card's other links (a keyword, a section) are not worth a warning on every run.
      if (/story\d/i.test(href)) skippedLinks.push(verdict.reason);
      return;
    }
    if (seen.has(verdict.story.id)) return;
    seen.add(verdict.story.id);
    // Feature cards and sidebars link other sections' stories too: keep this section's own.
    const path = new URL(verdict.url).pathname;
    if (sectionPaths.length && !sectionPaths.some((prefix) => path.startsWith(`${prefix}/`))) return;
    const title = (anchor.attr('title') ?? anchor.find('h2').first().text() ?? anchor.text()).trim();
    items.push({ url: verdict.url, story: verdict.story, title: title || anchor.text().trim() || undefined, via: publicUrl });
  });
  return { items, skippedLinks };
}
