/**
 * Bylines: the words pages set around authors' names (roles, labels, photo credits) and the
 * marks between names, written down once and built into the expressions that find the names.
 */
import { decodeHTML } from 'entities';

// The vocabulary, as pieces of regular expressions.

/** A reporter's post: "北京特派员", "早报驻北京特派员", "驻北京记者". */
const POSTING = String.raw`(?:早报)?驻?\p{Script=Han}{1,6}特派员|(?:早报)?驻\p{Script=Han}{1,6}记者`;
/** Roles that stand before a name: "特约记者 ", "本报记者 ", and the posts. */
const ROLE = String.raw`(?:特约|高级|首席|实习|本报)?记者|通讯员|${POSTING}`;
/** A role after a name, any post or plain "记者": "韩咏红 早报驻北京特派员". */
const ROLE_AFTER_NAME = String.raw`(?:早报)?驻?\p{Script=Han}{0,6}(?:特派员|记者)`;
/** Labels that introduce the writer: "作者：", "文／", "撰文：". */
const WRITER_LABEL = '作者|文|报道|撰文|编译|来源';
/** Words after a name that say what its bearer did: "郭玉洁 报道". */
const WRITER_AFTER_NAME = '报道|整理|编译';
/** Words for pictures: "图／", "摄影 李明", "李明 摄". */
const PICTURES = '图|摄影|摄';
/** Credits that are no authorship: the photos and the editing. */
const CREDIT_LABEL = `${PICTURES}|photo|(?:责任)?编辑`;
/** Labels of dates beside the byline: "发布 / 2024年…". */
const DATE_LABEL = '发布|更新|发布时间|更新时间';
/** The desk's own credit instead of a name, which leaves the post to the default author. */
const DESK_CREDIT = '综合讯|综合报道|(?:联合)?早报讯|本报讯';
/** Words that join two names. */
const CONJUNCTIONS = ['和', '与', '及'];
/** What follows a label: "作者：", "文／". */
const LABEL_MARK = '[：:／/]';
/** Marks that list names: "陈美玲、李明", "Tan Wee Leng | Photo: …", "陈美玲／李明". */
const LIST_MARKS = '、,，;；|｜/／';

// The expressions built from it.

/** A byline's opening decoration: "作者：", "文／", "特约记者 ", "By ". */
const BYLINE_PREFIX = new RegExp(String.raw`^(?:(?:${WRITER_LABEL}|${ROLE})\s*${LABEL_MARK}|(?:${ROLE})\s+|by\s)\s*`, 'iu');
/** …and its closing one: "_byline", "｜作者", " 报道", " 北京特派员", " 早报驻北京特派员". */
const BYLINE_SUFFIX = new RegExp(String.raw`(?:_byline|\s*[｜|]\s*作者|\s+(?:${WRITER_AFTER_NAME}|${ROLE_AFTER_NAME}))$`, 'iu');
/** Parts of a byline that are words, not names: "郭玉洁 | 记者" leaves "记者" apart. */
const NOT_NAME_WORDS = new RegExp(`^(?:${ROLE}|作者|(?:责任)?编辑|实习生|${PICTURES}|图文|文|报道|编译|来源|${DATE_LABEL}|${DESK_CREDIT})$`, 'u');
/** What a byline holds beside names, once its parts are set apart: "By", "和", a date, a mark. */
const NOT_A_NAME = new RegExp(String.raw`^(?:by|and|&|${CONJUNCTIONS.join('|')})$|\d|^[\p{P}\p{S}]+$`, 'iu');
/** The words that open a credit that is no authorship: "图／李明", "photo: Li Ming", "摄影 李明", "编辑：王五". */
const CREDIT_WORD = String.raw`(?:(?:${CREDIT_LABEL})\s*${LABEL_MARK}|摄影\s+)`;
const CREDIT = new RegExp(`^${CREDIT_WORD}`, 'i');
/**
 * A credit inside a byline, with its name. A name in Latin letters runs over its spaces
 * ("Photo: Li Ming"); a Chinese one ends at a space.
 */
const CREDIT_PART = new RegExp(String.raw`(?:^|(?<=[\s${LIST_MARKS}]))${CREDIT_WORD}\s*(?:[A-Za-z][A-Za-z.'’ -]*[A-Za-z.]|[^\s${LIST_MARKS}]+)`, 'gi');
/** A photographer named before the word: "李明 摄", "李明 摄影". */
const PHOTOGRAPHER_FIRST = /\s摄影?$/u;
/**
 * Words and pictures by one hand ("文、图／", "图文：", "文·图/"): that name is the author's.
 * Only as a byline's first words, or after a mark: "李文 图／张三" is 李文 and a photo credit.
 */
const WRITER_AND_PHOTOGRAPHER = new RegExp(
  String.raw`(?<=^|[\s${LIST_MARKS}])(?:(?:撰?文)\s*[、·・&${CONJUNCTIONS.join('')}/／]?\s*(?:${PICTURES})|(?:${PICTURES})\s*[、·・&${CONJUNCTIONS.join('')}]?\s*文|图文)\s*${LABEL_MARK}\s*`,
  'g',
);
/** Where a byline's names part: list marks, ampersands, "and", and a space before a label ("文／…"). */
const BETWEEN_BYLINE_NAMES = new RegExp(String.raw`[${LIST_MARKS}&＆]|\s+and\s+|\s+(?=(?:文|${PICTURES}|记者)\s*${LABEL_MARK})`, 'i');
/**
 * Text that stands alone between two elements of a byline and parts their names: a mark or a
 * conjunction. A middle dot counts here, not inside a text, where it joins a transliterated
 * name (约翰·史密斯).
 */
const BETWEEN_ELEMENTS = new RegExp(String.raw`^\s*(?:${CONJUNCTIONS.join('|')}|and|&|[/／·・,，、;；|])\s*$`, 'iu');
/** Two or more Chinese names set apart by spaces alone ("黄佳琪 王一"). */
const HAN_NAMES_BY_SPACES = /^\p{Script=Han}{2,4}(?:\s+\p{Script=Han}{2,4})+$/u;
/** A place or role in brackets after a name: "郭玉洁（北京）". */
const BRACKETED_SUFFIX = /\s*[（(][^（()）]*[）)]$/;
/** A Latin name written surname first: "Tan, Wee Leng". */
const LATIN_SURNAME_FIRST = /^[A-Za-z][A-Za-z.'’ -]*,\s*[A-Za-z][A-Za-z.'’ -]*$/;

/** True when `text`, standing between two elements of a byline, sets two names apart ("和", " / "). */
export function separatesNames(text: string): boolean {
  return BETWEEN_ELEMENTS.test(text);
}

/** One person's name as a structured source gives it: "Tan, Wee Leng" (surname first) is one name, not two. */
export function personName(name: string): string {
  const trimmed = name.trim();
  return LATIN_SURNAME_FIRST.test(trimmed) ? trimmed.replace(/\s*,\s*/, ' ') : trimmed;
}

/** The parts of one byline that may be names: split on list marks and slashes, credits left out. */
function bylineParts(byline: string): string[] {
  // Entities first: the `;` of `&amp;` would split a name.
  return decodeHTML(byline)
    .replace(WRITER_AND_PHOTOGRAPHER, '、')
    .replace(CREDIT_PART, '、')
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
    .filter((name) => !CREDIT.test(name))
    .map((name) => name.replace(/[\s\u00a0\u3000]+/g, ' ').trim().replace(BYLINE_PREFIX, '').replace(BYLINE_SUFFIX, '').replace(BRACKETED_SUFFIX, '').trim())
    .flatMap((name) => (HAN_NAMES_BY_SPACES.test(name) ? name.split(' ') : [name]))
    .filter((name) => name && name !== '联合早报' && !NOT_NAME_WORDS.test(name) && !NOT_A_NAME.test(name));
  return [...new Set(cleaned)];
}
