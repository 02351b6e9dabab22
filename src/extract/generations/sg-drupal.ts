/**
 * zaobao.com.sg Drupal pages (~2016–2021). Premium stories were truncated in the served
 * HTML (the full body came from a login script), so a paywall flag matters here.
 */
import { html, ldKeywords, ldPaywalled, ldPersonAuthors, ldString, ldUrl, list, meta, present, text } from '../sources.js';
import type { Generation } from '../types.js';

export const sgDrupal: Generation = {
  name: 'sg-drupal',
  detect: ({ $ }) => $('.article-content-rawhtml, .article-content-container').length > 0,
  title: [text('h1'), meta('og:title'), ldString('headline')],
  published: [ldString('datePublished'), meta('article:published_time'), text('.story-postdate'), text('.datestamp')],
  updated: [ldString('dateModified')],
  authors: [list(text('h4.title-byline')), ldPersonAuthors],
  tags: [list(meta('keywords')), ldKeywords],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [html('.article-content-rawhtml'), html('.article-content-container')],
  clean: ['.article-content-rawhtml .paywall-login', '[class*="premium-"]'],
  paywalled: [ldPaywalled, present('.paywall-login'), present('[class*="premium-content"]')],
};
