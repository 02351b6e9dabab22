/**
 * zaobao.com CN/HK edition, 2022–2024 (Astro). Metadata in ld+json; the body's
 * paragraphs may be served out of order, their true position encoded in `data-s`
 * (restored for every generation by the cleaning step, see paragraph-order.ts).
 */
import { attr, contentOf, imageSource, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, byline, textByParts, headline } from '../../sources.js';
import { exists } from '../../../html/parse.js';
import type { Generation } from '../../types.js';

export const cnAstro: Generation = {
  name: 'cn-astro',
  detect: ({ document }) => exists(document, '.article-body') && exists(document, '[data-s], astro-island, [data-testid="article-title"]'),
  title: [ldString('headline'), headline('h1[data-testid="article-title"]'), headline('article h1'), meta('og:title')],
  published: [ldString('datePublished'), meta('article:published_time')],
  updated: [ldString('dateModified')],
  // Only the story's own byline: other stories' cards share the class, and are <article>s
  // too, so the byline must be in the article that holds the title; any other comes after
  // ld+json's author.
  authors: [byline(textByParts('article:has([data-testid="article-title"]) .byline')), ldPersonAuthors, byline(textByParts('.byline'))],
  tags: [ldKeywords, list(meta('keywords'))],
  leadImage: [
    (page) => {
      const image = '[data-testid="article-banner"] img';
      const url = imageSource(image)(page);
      return url ? { url, caption: attr(image, 'title')(page) } : undefined;
    },
  ],
  canonicalUrl: [ldUrl, meta('og:url')],
  body: [contentOf('.article-body')],
  // Its noise (astro-island, .further-reading, .read-on-app-cover, the "expend icon" images)
  // turns up on every generation's pages: it is in the site's list (SITE_NOISE in clean.ts).
  listingCards: ['[data-testid="article-list"] article a.article-link'], // zaobao.com realtime lists
};
