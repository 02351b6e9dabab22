/** Titles as people read them: without the site suffix, entities or invisible characters. */
import { decodeHTML } from 'entities';

/** Site suffixes on titles: ` | 联合早报`, ` | 联合早报网`, ` - zaobao.com`. */
const TITLE_SUFFIX = /\s*[|｜_\-–—]\s*(联合早报网?|早报|zaobao(\.com)?(\.sg)?)\s*$/i;

/**
 * Titles from JSON (ld+json, hydration) can still carry HTML entities (`美国&amp;中国`). Runs of
 * ASCII white space and line breaks become one space; an ideographic space stays, as the
 * editors set it between two parts of a headline.
 */
export function cleanTitle(title: string): string {
  return decodeHTML(title).replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/[\t\n\v\f\r \u2028\u2029]+/g, ' ').trim().replace(TITLE_SUFFIX, '').trim();
}
