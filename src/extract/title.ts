/** Normalising the words people read: titles and bylines. */
import { decodeHTML } from 'entities';

/** Site suffixes on titles: ` | 联合早报`, ` | 联合早报网`, ` - zaobao.com`. */
const TITLE_SUFFIX = /\s*[|｜_\-–—]\s*(联合早报网?|早报|zaobao(\.com)?(\.sg)?)\s*$/i;

/** Titles from JSON (ld+json, hydration) can still carry HTML entities (`美国&amp;中国`). */
export function cleanTitle(title: string): string {
  return decodeHTML(title).replace(/\s+/g, ' ').trim().replace(TITLE_SUFFIX, '').trim();
}

/** Byline decorations: "作者：", "文／", "_byline", "｜作者". */
const BYLINE_PREFIX = /^(?:(?:作者|文|报道|撰文|记者|特约记者|编译)\s*[：:／/]|by\s)\s*/i;
const BYLINE_SUFFIX = /(_byline|\s*[｜|]\s*作者)$/i;

/** Roles that follow a name in bylines ("郭玉洁 | 记者"): not names themselves. */
const ROLE_WORDS = /^(记者|作者|编辑|责任编辑|特约记者|通讯员|摄影|摄|编译|报道|文|图)$/;

/** What a byline holds beside names, once its parts are set apart: "By", "和", a date, a mark. */
const NOT_A_NAME = /^(?:by|and|&|和|与|及)$|\d|^[\p{P}\p{S}]+$/iu;
/** The words that open a photo credit ("图／李明", "photo: Li Ming"): the photographer is not an author. */
export const PHOTO_CREDIT_WORD = String.raw`(?:图|摄影|摄|photo)\s*[：:／/]`;
const PHOTO_CREDIT = new RegExp(`^${PHOTO_CREDIT_WORD}`, 'i');
/** A place or role in brackets after a name: "郭玉洁（北京）". */
const BRACKETED_SUFFIX = /\s*[（(][^（()）]*[）)]$/;

export function cleanNames(names: readonly string[]): string[] {
  const cleaned = names
    .filter((name) => !PHOTO_CREDIT.test(name.trim()))
    .map((name) => decodeHTML(name).replace(/[\s\u00a0\u3000]+/g, ' ').trim().replace(BYLINE_PREFIX, '').replace(BYLINE_SUFFIX, '').replace(BRACKETED_SUFFIX, '').trim())
    .filter((name) => name && name !== '联合早报' && !ROLE_WORDS.test(name) && !NOT_A_NAME.test(name));
  return [...new Set(cleaned)];
}
