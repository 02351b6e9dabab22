/** Normalising the words people read: titles and bylines. */
import { decodeHTML } from 'entities';

/** Site suffixes on titles: ` | 联合早报`, ` | 联合早报网`, ` - zaobao.com`. */
const TITLE_SUFFIX = /\s*[|｜_\-–—]\s*(联合早报网?|早报|zaobao(\.com)?(\.sg)?)\s*$/i;

/** Titles from JSON (ld+json, hydration) can still carry HTML entities (`美国&amp;中国`). */
export function cleanTitle(title: string): string {
  return decodeHTML(title).replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim().replace(TITLE_SUFFIX, '').trim();
}

/** Role words that open a byline before a name. */
const ROLE_BEFORE_NAME = '(?:特约|高级|首席|实习|本报)?记者|通讯员';
/** Byline decorations: "作者：", "文／", "特约记者 ", "By ". */
const BYLINE_PREFIX = new RegExp(String.raw`^(?:(?:作者|文|报道|撰文|编译|来源|${ROLE_BEFORE_NAME})\s*[：:／/]|(?:${ROLE_BEFORE_NAME})\s+|by\s)\s*`, 'iu');
/** …and after it: "_byline", "｜作者", " 报道", " 北京特派员". */
const BYLINE_SUFFIX = /(?:_byline|\s*[｜|]\s*作者|\s+(?:报道|整理|编译|\p{Script=Han}{0,4}(?:特派员|记者)))$/iu;

/**
 * Words of a byline that are no names: roles ("郭玉洁 | 记者"), labels ("发布 / 2024年…"),
 * and the desk's own credit ("综合讯"), which leaves the post to the default author.
 */
const NOT_NAME_WORDS =
  /^(?:记者|作者|编辑|责任编辑|特约记者|高级记者|首席记者|实习记者|通讯员|摄影|摄|编译|报道|文|图|图文|发布|更新|发布时间|更新时间|来源|综合讯|综合报道|(?:联合)?早报讯|本报讯|\p{Script=Han}{1,4}特派员|驻\p{Script=Han}{1,6}记者)$/u;

/** What a byline holds beside names, once its parts are set apart: "By", "和", a date, a mark. */
const NOT_A_NAME = /^(?:by|and|&|和|与|及)$|\d|^[\p{P}\p{S}]+$/iu;
/** The words that open a photo credit ("图／李明", "photo: Li Ming"): the photographer is not an author. */
const PHOTO_CREDIT_WORD = String.raw`(?:图|摄影|摄|photo)\s*[：:／/]`;
const PHOTO_CREDIT = new RegExp(`^${PHOTO_CREDIT_WORD}`, 'i');
/** A photo credit inside a byline ("图／李明"), with its name. */
// A name in Latin letters runs over its spaces ("Photo: Li Ming"); a Chinese one ends at a space.
const PHOTO_CREDIT_PART = new RegExp(String.raw`(?:^|(?<=[\s、,，;；|/／]))${PHOTO_CREDIT_WORD}\s*(?:[A-Za-z][A-Za-z.'’ -]*[A-Za-z.]|[^\s、,，;；|/／]+)`, 'gi');
/** Words and pictures by one hand ("文、图／", "图文：", "文·图/"): that name is the author's. */
// Only as a byline's first words, or after a mark: "李文 图／张三" is 李文 and a photo credit.
const WRITER_AND_PHOTOGRAPHER = /(?<=^|[\s、,，;；|/／])(?:(?:撰?文)\s*[、·・&和与及/／]?\s*(?:图|摄影|摄)|(?:图|摄影|摄)\s*[、·・&和与及]?\s*文|图文)\s*[：:／/]\s*/g;
/** Where a byline's names part: list marks, slashes, ampersands, and a space before a role ("文／…"). */
const BETWEEN_BYLINE_NAMES = /[,，、;；|/／&＆]|\s+(?=(?:文|图|摄影|摄|记者)\s*[：:／/])/;
/** A place or role in brackets after a name: "郭玉洁（北京）". */
const BRACKETED_SUFFIX = /\s*[（(][^（()）]*[）)]$/;

/** The parts of one byline that may be names: split on list marks and slashes, photo credits left out. */
function bylineParts(byline: string): string[] {
  // Entities first: the `;` of `&amp;` would split a name.
  return decodeHTML(byline)
    .replace(WRITER_AND_PHOTOGRAPHER, '、')
    .replace(PHOTO_CREDIT_PART, '、')
    .split(BETWEEN_BYLINE_NAMES)
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The authors' names in bylines as pages and feeds give them ("文／陈美玲 图／李明",
 * "郭玉洁 | 记者", ld+json's Person names): roles, labels, credits and the site left out.
 */
export function bylineNames(bylines: readonly string[]): string[] {
  const cleaned = bylines
    .flatMap(bylineParts)
    .filter((name) => !PHOTO_CREDIT.test(name))
    .map((name) => name.replace(/[\s\u00a0\u3000]+/g, ' ').trim().replace(BYLINE_PREFIX, '').replace(BYLINE_SUFFIX, '').replace(BRACKETED_SUFFIX, '').trim())
    .filter((name) => name && name !== '联合早报' && !NOT_NAME_WORDS.test(name) && !NOT_A_NAME.test(name));
  return [...new Set(cleaned)];
}
