/**
 * HTML → Markdown through Turndown. Our tweaks are named rules, one job each, so that
 * each can be tested and reasoned about alone (see Turndown's commonmark-rules).
 */
import TurndownService from 'turndown';
import { strikethrough, tables } from 'turndown-plugin-gfm';
import type { LeadImage } from '../extract/types.js';

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

export function escapeLinkText(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

export function escapeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (char) => encodeURIComponent(char));
}

/** `<figure>`: each image, then the caption in italics under it. */
const figureRule = (service: TurndownService): Rule => ({
  filter: 'figure',
  replacement: (_content, node) => {
    const element = node as unknown as DomElement;
    const caption = element.querySelector('figcaption')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    const images = Array.from(element.querySelectorAll('img'))
      .filter((image) => image.getAttribute('src'))
      .map((image) => imageMarkdown(image.getAttribute('src')!, image.getAttribute('alt')?.trim() || caption));
    const lines = [...images];
    if (caption) lines.push(`*${service.escape(caption)}*`);
    return lines.length ? `\n\n${lines.join('\n\n')}\n\n` : '';
  },
});

/** Images keep alt text; a title (the CN edition's caption) becomes the alt when alt is empty. */
const imageRule: Rule = {
  filter: 'img',
  replacement: (_content, node) => {
    const image = node as unknown as DomElement;
    const src = image.getAttribute('src');
    if (!src) return '';
    return imageMarkdown(src, image.getAttribute('alt')?.trim() || image.getAttribute('title')?.trim() || '');
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

function createService(): TurndownService {
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
  service.addRule('figure', figureRule(service));
  service.addRule('image', imageRule);
  service.addRule('listItem', listItemRule);
  return service;
}

let shared: TurndownService | undefined;

/**
 * Non-breaking and full-width spaces pad the ends of real paragraphs; they are layout,
 * not text, and Markdown would keep them as stray characters.
 */
const TRAILING_PADDING = /[\t \u00a0\u3000]+$/;
/** Turndown's `<br>`: two spaces before the newline (what kramdown and CommonMark both read). */
const HARD_BREAK = '  ';

function tidy(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.replace(/^[\u00a0\u3000]+/, '').replace(TRAILING_PADDING, (tail) => (tail === HARD_BREAK ? tail : '')))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Converts cleaned body HTML to Markdown. */
export function htmlToMarkdown(html: string): string {
  shared ??= createService();
  return tidy(shared.turndown(html));
}

/** The lead image as a figure: the picture, then its caption in italics. */
export function leadImageMarkdown(image: LeadImage, fallbackAlt: string): string {
  const lines = [imageMarkdown(image.url, image.caption ?? fallbackAlt)];
  if (image.caption) {
    shared ??= createService();
    lines.push(`*${shared.escape(image.caption)}*`);
  }
  return lines.join('\n\n');
}
