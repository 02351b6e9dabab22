/**
 * zaobao.com.sg Drupal pages (~2016–2021). Premium stories were truncated in the served
 * HTML (the full body came from a login script), so a paywall flag matters here.
 */
import { contentOf, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, byline, present, text, textByParts } from '../../sources.js';
import { exists } from '../../../html/parse.js';
import type { Generation } from '../../types.js';

export const sgDrupal: Generation = {
  name: 'sg-drupal',
  detect: ({ $ }) => exists($, '.article-content-rawhtml, .article-content-container'),
  // The page's first <h1> is the logo; the story's is inside .content.
  title: [meta('og:title'), text('.content h1'), ldString('headline'), text('h1.title'), text('article h1')],
  published: [ldString('datePublished'), meta('article:published_time'), text('.date-published'), text('.story-postdate'), text('.datestamp')],
  updated: [ldString('dateModified')],
  authors: [byline(textByParts('h4.title-byline')), ldPersonAuthors],
  tags: [list(meta('keywords')), ldKeywords],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [contentOf('.article-content-rawhtml'), contentOf('.article-content-container')],
  // The body is the contents of .article-content-rawhtml: the login promo is matched alone.
  clean: ['.paywall-login', '[class*="premium-"]'],
  paywalled: [present('.paywall-login'), present('[class*="premium-content"]')],
  oneParagraphIsPaywall: true,
  listingCards: ['.card-listing .card .content-header a'],
};
