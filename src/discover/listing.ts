/** Listing-page discovery: the fallback when no feed of a section can be read. */
import { parseDocument } from '../html/parse.js';
import type { DiscoveredItem } from './types.js';
import { normalizeArticleLink } from './normalize.js';

/**
 * Where article links live on each generation of listing page. When none of these match
 * (a new layout), every story link under the section's paths is taken instead.
 */
const ARTICLE_LINK_SELECTORS = [
  '[data-testid="article-list"] article a.article-link', // zaobao.com realtime lists
  '.card-listing .card .content-header a', // zaobao.com.sg, older
  '.news-feature-card a', // zaobao.com.sg 2025–26 feature cards
  '.homepage-today-recommended-3-col-layout li a', // zaobao.com.sg 2025–26 recommended list
  '[data-testid^="test-realtime-article-card"] a', // zaobao.com.sg realtime cards…
  'a[data-testid^="test-realtime-article-card"]', // …or the card is the link itself
].join(', ');

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
  const $ = parseDocument(html);
  let anchors = $(ARTICLE_LINK_SELECTORS).filter('a[href]');
  if (anchors.length === 0) anchors = $('a[href*="story"]');
  const items: DiscoveredItem[] = [];
  const skippedLinks: string[] = [];
  anchors.each((_, element) => {
    const anchor = $(element);
    const verdict = normalizeArticleLink(anchor.attr('href') ?? '', publicUrl, origin);
    if (!verdict.ok) {
      skippedLinks.push(verdict.reason);
      return;
    }
    // Feature cards and sidebars link other sections' stories too: keep this section's own.
    const path = new URL(verdict.url).pathname;
    if (sectionPaths.length && !sectionPaths.some((prefix) => path.startsWith(`${prefix}/`))) return;
    const title = (anchor.attr('title') ?? anchor.find('h2').first().text() ?? anchor.text()).trim();
    items.push({ url: verdict.url, story: verdict.story, title: title || anchor.text().trim() || undefined, via: publicUrl });
  });
  return { items, skippedLinks };
}
