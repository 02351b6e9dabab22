/**
 * HTML → Markdown through Turndown. Our tweaks are named rules, one job each, so that
 * each can be tested and reasoned about alone (see Turndown's commonmark-rules).
 */
import TurndownService from 'turndown';
import { strikethrough, tables } from 'turndown-plugin-gfm';
import type { LeadImage } from '../extract/types.js';
import type { Flavor } from '../write/post.js';

type Rule = TurndownService.Rule;

/** The slice of the DOM (Turndown's domino) that our rules read. */
interface DomElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Markdown image line; alt text comes from the caption when the image has none. */
function imageMarkdown(src: string, alt: string): string {
  return `![${escapeLinkText(alt)}](${escapeUrl(src)})`;
}

/** Non-breaking and full-width spaces that indent a paragraph (or a line after `<br>`) in Chinese text. */
const INDENT = /^[\u00a0\u3000]+/;

/**
 * Escapes every character of a run (`--`, `...`, `>>`, `~`), so that no part of it is read
 * as syntax. A run at the very start may already have its first character escaped by
 * Turndown's line-start rules (`\-`, `\>`, `\~~~`): that one is left as it is.
 */
function escapeRuns(escaped: string, run: RegExp): string {
  return escaped.replace(run, (chars: string, offset: number) => {
    const startEscaped = offset === 1 && escaped[0] === '\\';
    return [...chars].map((char, index) => (startEscaped && index === 0 ? char : `\\${char}`)).join('');
  });
}

/**
 * Every character or start of text that one of the escapes below acts on. Most text of a
 * Chinese story has none, and is then returned as it is without twenty passes over it.
 */
const MAY_NEED_ESCAPES = /[\\*`[\]_~"'|<&$]|^[-+=#>:\d\u00a0\u3000]|--|\.\.\.|>>/;

/**
 * Turndown's escapes, plus what our readers would misread: `|` (kramdown, Jekyll's Markdown,
 * reads any line with a pipe as a table row), `<` (it would open raw HTML), `&` before an
 * entity name (it would be decoded), `$$` (kramdown's math), `"` (kramdown's smart quotes),
 * `--`, `...` and `>>` (kramdown's and Hugo's typography: en dash, ellipsis, guillemet), `~`
 * (strikethrough: goldmark takes a single tilde) and `: ` opening a line (a kramdown
 * definition). Turndown's line-start escapes apply after a paragraph's indent too: the
 * indent is trimmed later (tidy), and `3. 有关…` after a full-width indent must not become a list item.
 */
export function escapeMarkdown(text: string): string {
  if (!MAY_NEED_ESCAPES.test(text)) return text;
  const indent = INDENT.exec(text)?.[0] ?? '';
  let escaped = TurndownService.prototype.escape(text.slice(indent.length));
  escaped = escapeRuns(escaped, /-{2,}/g);
  escaped = escapeRuns(escaped, /\.{3,}/g);
  escaped = escapeRuns(escaped, />{2,}/g);
  escaped = escapeRuns(escaped, /~+/g);
  escaped = escaped
    .replace(/^: /, '\\: ')
    .replace(/\$\$/g, '\\$\\$') // kramdown's math
    // kramdown curls a straight double quote by the space before it: after Chinese text, with
    // none, an opening quote came out closing (引号”quoted”). Escaped, it stays straight.
    .replace(/"/g, '\\"')
    // The same for a single quote touching Chinese text (引号'单'); an English apostrophe is left be.
    .replace(/(?<=[^\p{ASCII}])'|'(?=[^\p{ASCII}])/gu, "\\'")
    .replace(/\|/g, '\\|')
    .replace(/</g, '\\<')
    .replace(/&(?=#?\w+;)/g, '&amp;');
  return indent + escaped;
}

export function escapeLinkText(text: string): string {
  // Line breaks would end the link; an ideographic space is the text's own, as in a headline.
  return escapeMarkdown(text.replace(/[\t\n\v\f\r \u2028\u2029]+/g, ' ').trim());
}

/** Percent-encodes what would end or break a Markdown link's URL: brackets, spaces, quotes, pipes. */
export function escapeUrl(url: string): string {
  // encodeURIComponent leaves ( and ) alone.
  return url.replace(/[()\s<>"|]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A line break in a table cell would end the Markdown row: a space keeps the cell on its line. */
const cellBreakRule: Rule = {
  filter: (node) => {
    if (node.nodeName !== 'BR') return false;
    for (let parent = node.parentNode; parent; parent = parent.parentNode) {
      if (parent.nodeName === 'TD' || parent.nodeName === 'TH') return true;
      if (parent.nodeName === 'TABLE') return false;
    }
    return false;
  },
  replacement: () => ' ',
};

/** Links with their URL percent-encoded, not backslash-escaped (kramdown keeps the backslashes). */
const linkRule: Rule = {
  filter: (node) => node.nodeName === 'A' && Boolean(node.getAttribute('href')),
  replacement: (content, node) => {
    const link = node as unknown as DomElement;
    // A title's double quotes would end it early: single ones say the same.
    const title = link.getAttribute('title')?.replace(/\s+/g, ' ').trim().replace(/"/g, "'");
    return `[${content}](${escapeUrl(link.getAttribute('href')!)}${title ? ` "${title}"` : ''})`;
  },
};

/** The slice of a DOM node that walking a `<pre>`'s children reads. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** A `<pre>`'s text with its lines: a `<br>` or a paragraph inside it is a line break too. */
function preformattedText(node: DomNode): string {
  let text = '';
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 3) text += child.nodeValue ?? '';
    else if (child.nodeName === 'BR') text += '\n';
    else if (/^(P|DIV|LI|H[1-6])$/.test(child.nodeName)) text += `\n${preformattedText(child)}\n`;
    else text += preformattedText(child);
  }
  return text;
}

/** Preformatted text without a `<code>` inside: a fenced block all the same, its lines kept. */
const preRule: Rule = {
  filter: (node) => node.nodeName === 'PRE' && node.firstChild?.nodeName !== 'CODE',
  replacement: (_content, node) => {
    const text = preformattedText(node as unknown as DomNode).replace(/^\n+|\n+$/g, '');
    const fence = text.includes('```') ? '~~~' : '```';
    return text.trim() ? `\n\n${fence}\n${text}\n${fence}\n\n` : '';
  },
};

/** What CommonMark counts as punctuation beside an emphasis mark (Unicode P and S), and as space. */
const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;
const MOVABLE_PUNCTUATION = /(?![\p{ASCII}])[\p{P}\p{S}]/u;

interface SiblingNode {
  textContent: string | null;
  nodeName: string;
  previousSibling: SiblingNode | null;
  nextSibling: SiblingNode | null;
  parentNode: SiblingNode | null;
}

const INLINE_PARENTS = new Set(['A', 'SPAN', 'STRONG', 'B', 'EM', 'I', 'U', 'SMALL', 'FONT', 'MARK', 'DEL', 'S', 'STRIKE', 'SUP', 'SUB']);

/** The character just before or after a node in its paragraph's text; undefined at the paragraph's edge. */
function adjacentCharacter(node: SiblingNode, side: 'before' | 'after'): string | undefined {
  for (let current: SiblingNode | null = node; current; current = current.parentNode) {
    for (let sibling = side === 'before' ? current.previousSibling : current.nextSibling; sibling; sibling = side === 'before' ? sibling.previousSibling : sibling.nextSibling) {
      const text = sibling.textContent ?? '';
      if (text) return side === 'before' ? [...text].at(-1) : [...text][0];
    }
    if (!current.parentNode || !INLINE_PARENTS.has(current.parentNode.nodeName)) return undefined;
  }
  return undefined;
}

function onlyChildIsLink(node: DomNode): boolean {
  const children = Array.from(node.childNodes).filter((child) => child.nodeType !== 3 || child.nodeValue?.trim());
  return children.length === 1 && children[0]!.nodeName === 'A';
}

const isWordCharacter = (char: string | undefined) => char !== undefined && !SPACE.test(char) && !PUNCTUATION.test(char);

/**
 * Emphasis that CommonMark (Hugo's goldmark) can open and close. There a mark between a
 * letter and punctuation does not count: 他说**“引语”**指出 stays literal asterisks (kramdown
 * reads it fine). The punctuation at the edge moves outside the marks (他说“**引语**”指出), and
 * emphasis around a link goes inside it ([**链接**](url)).
 */
function commonMarkEmphasis(delimiter: (options: TurndownService.Options) => string): Rule['replacement'] {
  return (content, node, options) => {
    if (!content.trim()) return '';
    const mark = delimiter(options);
    const link = onlyChildIsLink(node as unknown as DomNode) ? /^\[([\s\S]*)\](\([^\s()]*(?: "[^"]*")?\))$/.exec(content) : null;
    if (link) return `[${mark}${link[1]}${mark}]${link[2]}`;
    const chars = [...content];
    let start = 0;
    let end = chars.length;
    // Only text's own punctuation moves: ASCII marks may be Markdown's (a code span's backtick,
    // a link's bracket, an escape), and Chinese text's punctuation is full-width anyway.
    const before = adjacentCharacter(node as unknown as SiblingNode, 'before');
    const after = adjacentCharacter(node as unknown as SiblingNode, 'after');
    if (isWordCharacter(before)) {
      while (start < end && MOVABLE_PUNCTUATION.test(chars[start]!)) start++;
    }
    if (isWordCharacter(after)) {
      while (end > start && MOVABLE_PUNCTUATION.test(chars[end - 1]!)) end--;
    }
    const core = chars.slice(start, end).join('');
    if (!core.trim()) return content;
    // Markdown's own marks at an edge (a code span's backtick) cannot move: the text is kept
    // without its emphasis rather than with asterisks showing.
    const opens = !(start === 0 && isWordCharacter(before) && PUNCTUATION.test(chars[0]!));
    const closes = !(end === chars.length && isWordCharacter(after) && PUNCTUATION.test(chars.at(-1)!));
    if (!opens || !closes) return content;
    return `${chars.slice(0, start).join('')}${mark}${core}${mark}${chars.slice(end).join('')}`;
  };
}

/** Struck text as kramdown and GFM read it (`~~`, not the plugin's single `~`). */
const strikethroughRule: Rule = {
  filter: ['del', 's', 'strike'],
  replacement: (content) => (content.trim() ? `~~${content}~~` : content),
};

const BLOCKS_IN_CELLS = ['ul', 'ol', 'table', 'pre', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']
  .flatMap((block) => [`td ${block}`, `th ${block}`])
  .join(', ');

/**
 * A table Markdown cannot hold (cells spanning rows or columns, lists or tables in cells, two
 * heading rows) stays HTML, which Jekyll's kramdown renders; as Markdown its cells would shift.
 */
const complexTableRule: Rule = {
  filter: (node) => {
    if (node.nodeName !== 'TABLE') return false;
    const table = node as unknown as DomElement;
    const spans = Array.from(table.querySelectorAll('td, th')).some((cell) => Number(cell.getAttribute('colspan') ?? 1) > 1 || Number(cell.getAttribute('rowspan') ?? 1) > 1);
    // domino answers undefined, not null, when nothing matches.
    const blocksInCells = Boolean(table.querySelector(BLOCKS_IN_CELLS));
    return spans || blocksInCells || table.querySelectorAll('thead tr').length > 1;
  },
  replacement: (_content, node) => `\n\n${(node as unknown as { outerHTML: string }).outerHTML}\n\n`,
};

/** `<figure>`: its content (images, tables, quotes) as a block; the caption comes from its own rule. */
const figureRule: Rule = {
  filter: 'figure',
  replacement: (content) => (content.trim() ? `\n\n${content.trim()}\n\n` : ''),
};

/** `<figcaption>`: the caption in italics, on its own line under the picture. */
const figcaptionRule = (service: TurndownService): Rule => ({
  filter: 'figcaption',
  replacement: (_content, node) => {
    const caption = (node as unknown as DomElement).textContent?.replace(/\s+/g, ' ').trim();
    return caption ? `\n\n*${service.escape(caption)}*\n\n` : '';
  },
});

/** Images keep alt text; else the title (the CN edition's caption), else their figure's caption. */
const imageRule: Rule = {
  filter: 'img',
  replacement: (_content, node) => {
    const image = node as unknown as DomElement & { parentNode: (DomElement & { nodeName: string }) | null };
    const src = image.getAttribute('src');
    if (!src) return '';
    const figureCaption = image.parentNode?.nodeName === 'FIGURE' ? image.parentNode.querySelector('figcaption')?.textContent : undefined;
    const alt = image.getAttribute('alt')?.trim() || image.getAttribute('title')?.trim() || figureCaption?.replace(/\s+/g, ' ').trim() || '';
    return imageMarkdown(src, alt);
  },
};

/** List items with a single space after the marker (`- item`, `1. item`), as people write them. */
const listItemRule: Rule = {
  filter: 'li',
  replacement: (content, node, options) => {
    const item = node as unknown as DomElement & { parentNode: DomElement & { nodeName: string; children: ArrayLike<unknown> }; nextSibling: unknown };
    const parent = item.parentNode;
    let prefix = `${options.bulletListMarker ?? '-'} `;
    if (parent.nodeName === 'OL') {
      const start = Number(parent.getAttribute('start') ?? '1') || 1;
      prefix = `${start + Array.prototype.indexOf.call(parent.children, item)}. `;
    }
    const indent = ' '.repeat(prefix.length);
    const text = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${indent}`);
    return prefix + text + (item.nextSibling && !/\n$/.test(text) ? '\n' : '');
  },
};

/**
 * kramdown (Jekyll) numbers every ordered list from 1 whatever its first number says; an
 * attribute list on the line before it keeps the page's numbering (`{: start="3"}`).
 * CommonMark (Hugo) reads the first number itself.
 */
const kramdownListStartRule: Rule = {
  // Not a list inside a list item: kramdown takes the line for the item's text there.
  filter: (node) => node.nodeName === 'OL' && node.parentNode?.nodeName !== 'LI' && (Number((node as unknown as DomElement).getAttribute('start')) || 1) !== 1,
  replacement: (content, node) => `\n\n{: start="${Number((node as unknown as DomElement).getAttribute('start'))}"}\n${content}\n\n`,
};

function createService(flavor: Flavor): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  service.use([tables, strikethrough]);
  service.escape = (text: string) => escapeMarkdown(text);
  service.addRule('figure', figureRule);
  service.addRule('figcaption', figcaptionRule(service));
  service.addRule('image', imageRule);
  service.addRule('listItem', listItemRule);
  service.addRule('link', linkRule);
  service.addRule('strikethrough', strikethroughRule);
  service.addRule('complexTable', complexTableRule);
  service.addRule('cellBreak', cellBreakRule);
  service.addRule('pre', preRule);
  // Markdown has no superscript or subscript: H<sub>2</sub>O keeps its HTML, which kramdown renders.
  service.keep(['sup', 'sub']);
  if (flavor === 'jekyll') service.addRule('kramdownListStart', kramdownListStartRule);
  if (flavor === 'hugo') {
    service.addRule('commonMarkStrong', { filter: ['strong', 'b'], replacement: commonMarkEmphasis((options) => options.strongDelimiter ?? '**') });
    service.addRule('commonMarkEmphasis', { filter: ['em', 'i'], replacement: commonMarkEmphasis((options) => options.emDelimiter ?? '*') });
  }
  return service;
}

const services = new Map<Flavor, TurndownService>();

/**
 * Non-breaking and full-width spaces pad the ends of real paragraphs; they are layout,
 * not text, and Markdown would keep them as stray characters.
 */
const TRAILING_PADDING = /[\t \u00a0\u3000]+$/;
/** Turndown's `<br>`: two spaces before the newline (what kramdown and CommonMark both read). */
const HARD_BREAK = '  ';

/** Padding at the start of a line's text: after a quote's, a list item's or a heading's marker too. */
const LEADING_PADDING = /^( *(?:> ?)*(?:[-*+] |\d+\. |#{1,6} )?)[\u00a0\u3000]+/;
/** …and at either end of a table cell's text. */
const CELL_PADDING = /(?<=\| )[\u00a0\u3000]+|[\u00a0\u3000]+(?= \|)/g;

/** A line that opens or closes a fenced block, as Turndown and preRule write them. */
const FENCE = /^(`{3,}|~{3,})/;

/** Padding trimmed and runs of blank lines folded, except inside fenced blocks, which keep every character. */
function tidy(markdown: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  let blanks = 0;
  for (const line of markdown.split('\n')) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      lines.push(line);
      if (marker?.startsWith(fence) && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) fence = marker;
    let tidied = line.replace(LEADING_PADDING, '$1').replace(TRAILING_PADDING, (tail) => (tail.endsWith(HARD_BREAK) ? HARD_BREAK : ''));
    if (tidied.startsWith('|')) tidied = tidied.replace(CELL_PADDING, '');
    blanks = tidied === '' ? blanks + 1 : 0;
    if (blanks < 2) lines.push(tidied);
  }
  return lines.join('\n').trim();
}

/** Converts cleaned body HTML to Markdown, for Jekyll's kramdown or Hugo's CommonMark. */
export function htmlToMarkdown(html: string, flavor: Flavor = 'jekyll'): string {
  let service = services.get(flavor);
  if (!service) services.set(flavor, (service = createService(flavor)));
  return tidy(service.turndown(html));
}

/** The lead image as a figure: the picture, then its caption in italics. */
export function leadImageMarkdown(image: LeadImage, fallbackAlt: string): string {
  const lines = [imageMarkdown(image.url, image.caption ?? fallbackAlt)];
  if (image.caption) lines.push(`*${escapeMarkdown(image.caption)}*`);
  return lines.join('\n\n');
}
