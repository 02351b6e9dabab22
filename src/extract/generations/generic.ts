/**
 * The fallback for layouts no description knows: ld+json / OpenGraph metadata and the
 * densest block of paragraphs. Posts made this way say so (`extractor: generic`).
 */
import { articleOgImage, documentTitle, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, byline, text } from '../sources.js';
import { childElements, matches, select, type AnyNode } from '../../html/parse.js';
import type { BodyContent, Generation, Page } from '../types.js';

/** Below this much paragraph text a block is navigation or a teaser, not an article. */
const MIN_BODY_CHARS = 20;

/** The element whose direct `<p>` children hold the most text. */
function densestBlock({ $ }: Page): BodyContent | undefined {
  let best: { element: AnyNode; score: number } | undefined;
  select($, 'body *').each((_, element) => {
    if (matches(element, 'p, script, style, nav, header, footer, aside')) return;
    const score = childElements(element, 'p').reduce((sum, paragraph) => sum + $(paragraph).text().trim().length, 0);
    if (score > (best?.score ?? 0)) best = { element, score };
  });
  return best && best.score >= MIN_BODY_CHARS ? $(best.element).clone().contents().toArray() : undefined;
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

export const generic: Generation = {
  name: 'generic',
  detect: () => true,
  title: [ldString('headline'), meta('og:title'), text('h1'), documentTitle],
  published: [ldString('datePublished'), meta('article:published_time'), meta('og:published_time'), meta('pubdate')],
  updated: [ldString('dateModified'), meta('article:modified_time')],
  authors: [ldPersonAuthors, byline(meta('author'))],
  tags: [ldKeywords, list(meta('keywords'))],
  leadImage: [
    articleOgImage,
  ],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [densestBlock, ldArticleBody],
};
