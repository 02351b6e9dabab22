/**
 * Articles built from a feed item's own HTML (RSSHub items carry the whole story), for when
 * the article page cannot be had. Cleaned exactly like a page body; the post says
 * `source: feed`.
 */
import * as cheerio from 'cheerio';
import type { DiscoveredItem } from '../discover/types.js';
import { sectionOfPath } from '../site/sections.js';
import { formatIsoSingapore, parseZaobaoTime, singaporeDay } from '../time/singapore.js';
import { cleanBody, textOf } from './clean.js';
import { cleanNames, cleanTitle } from './title.js';
import type { Article } from './types.js';

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;
/** Clock skew we tolerate before calling a feed time "in the future". */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** Noise RSSHub items carry beyond what page bodies do (see MANIFEST, Feeds). */
const FEED_NOISE = ['.bff-bottom-profile', '.bff-google-ad', '.bff-recommend-article', '.view-desktop', '.view-mobile'];

/**
 * A teaser is one short paragraph or a snippet; a whole article has several paragraphs or
 * runs longer than any teaser the site writes.
 */
const WHOLE_ARTICLE_MIN_PARAGRAPHS = 2;
const WHOLE_ARTICLE_MIN_CHARS = 120;

export interface FeedTime {
  ms: number;
  /** Why the feed's own time was changed, for --verbose. */
  correction?: string;
}

/**
 * RSSHub's zaobao feed labels Singapore local time as GMT, 8 hours late. The error shows when
 * the item's time lies in the future, or when its Singapore day disagrees with the story id's
 * day while the corrected time agrees.
 */
export function correctFeedTime(raw: string | undefined, storyDay: string, now: number): FeedTime | undefined {
  const ms = parseZaobaoTime(raw);
  if (ms === undefined) return undefined;
  const corrected = ms - EIGHT_HOURS_MS;
  if (ms > now + FUTURE_TOLERANCE_MS) {
    return { ms: corrected, correction: `feed time ${formatIsoSingapore(ms)} lies in the future: read as Singapore time mislabelled GMT` };
  }
  if (singaporeDay(ms) !== storyDay && singaporeDay(corrected) === storyDay) {
    return { ms: corrected, correction: `feed time ${formatIsoSingapore(ms)} is not on the story's day ${storyDay}: read as Singapore time mislabelled GMT` };
  }
  return { ms };
}

/** True when the item's HTML holds a whole article rather than a teaser. */
export function isWholeArticle(item: DiscoveredItem): boolean {
  if (!item.feedHtml) return false;
  const $ = cheerio.load(item.feedHtml, null, false);
  const paragraphs = $('p').filter((_, paragraph) => $(paragraph).text().trim().length > 0).length;
  return paragraphs >= WHOLE_ARTICLE_MIN_PARAGRAPHS || $.root().text().trim().length >= WHOLE_ARTICLE_MIN_CHARS;
}

export interface FeedArticle {
  article: Article;
  timeCorrection?: string;
}

/** Builds an article from the item's HTML; undefined when it has no usable body or title. */
export function articleFromFeedItem(item: DiscoveredItem, now = Date.now()): FeedArticle | undefined {
  if (!item.feedHtml || !item.title) return undefined;
  const bodyHtml = cleanBody(item.feedHtml, { baseUrl: item.url, noise: FEED_NOISE });
  if (!textOf(bodyHtml)) return undefined;
  const time = correctFeedTime(item.publishedHint, item.story.day, now);
  return {
    article: {
      url: item.url,
      title: cleanTitle(item.title),
      published: time?.ms ?? parseZaobaoTime(item.story.day)!,
      authors: cleanNames(item.author ? [item.author] : []),
      section: item.section ?? sectionOfPath(new URL(item.url).pathname)?.name,
      tags: [...new Set(item.tags ?? [])],
      bodyHtml,
      paywalled: false,
      generation: 'feed',
    },
    timeCorrection: time?.correction,
  };
}
