/**
 * The fallback for layouts no description knows: ld+json / OpenGraph metadata and the
 * densest block of paragraphs. Posts made this way say so (`extractor: generic`).
 */
import { attr, byline, documentTitle, headline, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, metas, textByParts } from '../../sources.js';
import { $, childElements, matches, select, type AnyNode } from '../../../html/parse.js';
import type { BodyContent, Generation, Page, Source } from '../../types.js';

/** Below this much paragraph text a block is navigation or a teaser, not an article. */
const MIN_BODY_CHARS = 20;

/**
 * Readers' comments are paragraphs too, often more of them than the story's. Named as such
 * (`comments`, `comment-list`), not by substring: a `commentary-body` is an opinion piece.
 */
const COMMENTS = '.comment, .comments, #comment, #comments, [class*="comment-"], [class*="comments-"], [id^="comment-"], [id^="comments-"]';
const NOT_THE_STORY = `p, script, style, nav, header, footer, aside, ${COMMENTS}`;

/**
 * The element whose paragraphs hold the most text: its `<p>` children, and those of its
 * children that wrap one paragraph each (`<div class="block-paragraph"><p>…</p></div>`).
 */
function densestBlock({ document }: Page): { content: BodyContent; chars: number } | undefined {
  let best: { element: AnyNode; score: number } | undefined;
  const paragraphChars = (parent: AnyNode) => childElements(parent, 'p').reduce((sum, paragraph) => sum + $(paragraph).text().trim().length, 0);
  const wrapsOneParagraph = (child: AnyNode) => childElements(child, 'p').length === 1 && $(child).children().length === 1;
  select(document, 'body *').each((_, element) => {
    if (matches(element, NOT_THE_STORY)) return;
    const wrapped = childElements(element, 'div', 'section')
      .filter(wrapsOneParagraph)
      .reduce((sum, child) => sum + paragraphChars(child), 0);
    const score = paragraphChars(element) + wrapped;
    if (score > (best?.score ?? 0)) best = { element, score };
  });
  return best && best.score >= MIN_BODY_CHARS ? { content: $(best.element).clone().contents().toArray(), chars: best.score } : undefined;
}

/** ld+json `articleBody` is plain text; its lines become paragraphs. */
function ldArticleBody(page: Page): string | undefined {
  const body = ldString('articleBody')(page);
  if (!body) return undefined;
  const escape = (line: string) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escape(line)}</p>`)
    .join('');
}

/**
 * The densest block, unless ld+json's articleBody holds twice its text: then the block is a
 * part of the story (one paragraph of a layout not understood), and the whole text is better.
 */
function pageBodyOrArticleBody(page: Page): BodyContent | undefined {
  const block = densestBlock(page);
  const full = ldString('articleBody')(page);
  if (block && !(full && full.replace(/\s+/g, '').length > 2 * block.chars)) return block.content;
  return ldArticleBody(page) ?? block?.content;
}

/** A byline is a few names and a role; longer text named `author` is a biography or a card. */
const MAX_BYLINE_CHARS = 30;

/** The first element named as a byline (then as an author) whose text is short enough to be one. */
const namedByline: Source<string> = ({ document }) => {
  for (const selector of ['[class*="byline"]', '[class*="author"]']) {
    const found = select(document, selector)
      .toArray()
      .map((element) => $(element).text().replace(/\s+/g, ' ').trim())
      .find((text) => text && text.length <= MAX_BYLINE_CHARS);
    if (found) return found;
  }
  return undefined;
};

export const generic: Generation = {
  name: 'generic',
  detect: () => true,
  title: [ldString('headline'), meta('og:title'), headline('h1'), documentTitle],
  published: [ldString('datePublished'), meta('article:published_time'), meta('og:published_time'), meta('pubdate'), attr('article time[datetime]', 'datetime'), attr('time[datetime]', 'datetime')],
  updated: [ldString('dateModified'), meta('article:modified_time')],
  // Elements named as bylines, where the page has no metadata for them.
  authors: [ldPersonAuthors, byline(meta('author')), byline(textByParts('[itemprop="author"]')), byline(textByParts('[rel="author"]')), byline(namedByline)],
  tags: [ldKeywords, metas('article:tag'), list(meta('keywords'))],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [pageBodyOrArticleBody, ldArticleBody],
};
