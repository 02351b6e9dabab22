/**
 * Articles built from a feed item's own HTML (RSSHub items carry the whole story), for when
 * the article page cannot be had. Cleaned exactly like a page body; the post says
 * `source: feed`.
 */
import { $, PageTooComplexError, parseFragment, select, type Document } from '../html/parse.js';
import type { DiscoveredItem } from '../discover/types.js';
import { sectionOfPath } from '../site/sections.js';
import { isPlausiblePublishTime, isPlausibleStoryTime, parseZaobaoTime } from '../time/singapore.js';
import { bylineNames } from './byline.js';
import { cleanBody } from './clean.js';
import { GENERATION_NOISE } from './generations/index.js';
import { cleanTitle } from './title.js';
import type { Article } from './types.js';

/**
 * An item's HTML is a page body of any generation, so it loses the site's noise (always) and
 * every generation's; RSSHub's subscription promo also leaves its images behind.
 */
const FEED_NOISE = [...GENERATION_NOISE, '.view-desktop', '.view-mobile'];

/**
 * A teaser is one short paragraph or a snippet; a whole article has several paragraphs or
 * runs longer than any teaser the site writes.
 */
const WHOLE_ARTICLE_MIN_PARAGRAPHS = 2;
const WHOLE_ARTICLE_MIN_CHARS = 120;

/** True when the item's HTML holds a whole article rather than a teaser. */
export function isWholeArticle(item: DiscoveredItem): boolean {
  if (!item.feedHtml) return false;
  let body: Document;
  try {
    body = parseFragment(item.feedHtml);
  } catch (error) {
    // Too complex to read is no article to stand in for the page.
    if (error instanceof PageTooComplexError) return false;
    throw error;
  }
  const paragraphs = select(body, 'p').filter((_, paragraph) => $(paragraph).text().trim().length > 0).length;
  return paragraphs >= WHOLE_ARTICLE_MIN_PARAGRAPHS || $(body).text().trim().length >= WHOLE_ARTICLE_MIN_CHARS;
}

/** Builds an article from the item's HTML; undefined when it has no usable body or title. */
export function articleFromFeedItem(item: DiscoveredItem): Article | undefined {
  if (!item.feedHtml || !item.title) return undefined;
  const body = cleanBody(item.feedHtml, { baseUrl: item.url, noise: FEED_NOISE });
  if (!body.text) return undefined;
  // Discovery has already corrected RSSHub's mislabelled times (see discover/feed-time.ts).
  const hinted = parseZaobaoTime(item.publishedHint);
  const published = hinted !== undefined && isPlausibleStoryTime(hinted, item.story.day) ? hinted : undefined;
  const storyDay = parseZaobaoTime(item.story.day);
  if (published === undefined && (storyDay === undefined || !isPlausiblePublishTime(storyDay))) return undefined;
  return {
    url: item.url,
    title: cleanTitle(item.title),
    published: published ?? storyDay!,
    authors: bylineNames(item.author ? [item.author] : []),
    // The story's own path names its section; the feed it came through (singapore's feed lists
    // china stories too) only when the path does not.
    section: sectionOfPath(new URL(item.url).pathname)?.name ?? item.section,
    tags: [...new Set(item.tags ?? [])],
    bodyHtml: body.html,
    paywalled: false,
    generation: 'feed',
    warnings: published === undefined ? [`the feed gives no time: dated ${item.story.day} 00:00 from the story id`] : [],
  };
}
