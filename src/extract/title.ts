/** Normalising the words people read: titles and bylines. */
import { decodeHTML } from 'entities';

/** Site suffixes on titles: ` | 联合早报`, ` | 联合早报网`, ` - zaobao.com`. */
const TITLE_SUFFIX = /\s*[|｜_\-–—]\s*(联合早报网?|早报|zaobao(\.com)?(\.sg)?)\s*$/i;

/** Titles from JSON (ld+json, hydration) can still carry HTML entities (`美国&amp;中国`). */
export function cleanTitle(title: string): string {
  return decodeHTML(title).replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\s+/g, ' ').trim().replace(TITLE_SUFFIX, '').trim();
}

/** Role words that open a byline before a name: "特约记者 ", "北京特派员 ", "早报驻北京特派员 ", "驻北京记者 ". */
const ROLE_BEFORE_NAME = String.raw`(?:特约|高级|首席|实习|本报)?记者|通讯员|(?:早报)?驻?\p{Script=Han}{1,6}特派员|(?:早报)?驻\p{Script=Han}{1,6}记者`;
/** Byline decorations: "作者：", "文／", "特约记者 ", "By ". */
const BYLINE_PREFIX = new RegExp(String.raw`^(?:(?:作者|文|报道|撰文|编译|来源|${ROLE_BEFORE_NAME})\s*[：:／/]|(?:${ROLE_BEFORE_NAME})\s+|by\s)\s*`, 'iu');
/** …and after it: "_byline", "｜作者", " 报道", " 北京特派员", " 早报驻北京特派员". */
const BYLINE_SUFFIX = /(?:_byline|\s*[｜|]\s*作者|\s+(?:报道|整理|编译|(?:早报)?驻?\p{Script=Han}{0,6}(?:特派员|记者)))$/iu;

/**
 * Words of a byline that are no names: roles ("郭玉洁 | 记者"), labels ("发布 / 2024年…"),
 * and the desk's own credit ("综合讯"), which leaves the post to the default author.
 */
const NOT_NAME_WORDS =
  /^(?:记者|作者|编辑|责任编辑|特约记者|高级记者|首席记者|实习记者|实习生|本报记者|通讯员|摄影|摄|编译|报道|文|图|图文|发布|更新|发布时间|更新时间|来源|综合讯|综合报道|(?:联合)?早报讯|本报讯|(?:早报)?驻?\p{Script=Han}{1,6}特派员|(?:早报)?驻\p{Script=Han}{1,6}记者)$/u;

/** What a byline holds beside names, once its parts are set apart: "By", "和", a date, a mark. */
const NOT_A_NAME = /^(?:by|and|&|和|与|及)$|\d|^[\p{P}\p{S}]+$/iu;
/**
 * The words that open a credit that is no authorship: a photo ("图／李明", "photo: Li Ming",
 * "摄影 李明") or the editing ("编辑：王五", "责任编辑：王五").
 */
const PHOTO_CREDIT_WORD = String.raw`(?:(?:图|摄影|摄|photo|(?:责任)?编辑)\s*[：:／/]|摄影\s+)`;
/** A photographer named before the word ("李明 摄", "李明 摄影"). */
const PHOTOGRAPHER_FIRST = /\s摄影?$/u;
/** Two or more Chinese names set apart by spaces alone ("黄佳琪 王一"). */
const HAN_NAMES_BY_SPACES = /^\p{Script=Han}{2,4}(?:\s+\p{Script=Han}{2,4})+$/u;
const PHOTO_CREDIT = new RegExp(`^${PHOTO_CREDIT_WORD}`, 'i');
/** A photo credit inside a byline ("图／李明"), with its name. */
// A name in Latin letters runs over its spaces ("Photo: Li Ming"); a Chinese one ends at a space.
const PHOTO_CREDIT_PART = new RegExp(String.raw`(?:^|(?<=[\s、,，;；|｜/／]))${PHOTO_CREDIT_WORD}\s*(?:[A-Za-z][A-Za-z.'’ -]*[A-Za-z.]|[^\s、,，;；|｜/／]+)`, 'gi');
/** Words and pictures by one hand ("文、图／", "图文：", "文·图/"): that name is the author's. */
// Only as a byline's first words, or after a mark: "李文 图／张三" is 李文 and a photo credit.
const WRITER_AND_PHOTOGRAPHER = /(?<=^|[\s、,，;；|｜/／])(?:(?:撰?文)\s*[、·・&和与及/／]?\s*(?:图|摄影|摄)|(?:图|摄影|摄)\s*[、·・&和与及]?\s*文|图文)\s*[：:／/]\s*/g;
/** Where a byline's names part: list marks, bars, slashes, ampersands, "and", and a space before a role ("文／…"). */
const BETWEEN_BYLINE_NAMES = /[,，、;；|｜/／&＆]|\s+and\s+|\s+(?=(?:文|图|摄影|摄|记者)\s*[：:／/])/i;
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
    .filter((part) => part && !PHOTOGRAPHER_FIRST.test(part));
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
    .flatMap((name) => (HAN_NAMES_BY_SPACES.test(name) ? name.split(' ') : [name]))
    .filter((name) => name && name !== '联合早报' && !NOT_NAME_WORDS.test(name) && !NOT_A_NAME.test(name));
  return [...new Set(cleaned)];
}
