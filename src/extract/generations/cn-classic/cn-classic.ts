/**
 * zaobao.com CN/HK edition, ~2020–2022 server-rendered theme. The ld+json author is only
 * the Organization: the byline is in `.author-info` ("作者： NAME"), `#author-block`, or the
 * inline `_data.author` (`NAME_byline`). The page has several `<h1>` (the breadcrumb's too).
 */
import { contentOf, firstAttribute, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, byline, text, texts, textsByParts, headline } from '../../sources.js';
import { exists, select } from '../../../html/parse.js';
import type { Generation } from '../../types.js';
import { inlineDataOf } from './inline-data.js';

export const cnClassic: Generation = {
  name: 'cn-classic',
  // #article-body first: one walk of the page for the other generations' pages.
  detect: (page) => exists(page.document, '#article-body') && (exists(page.document, 'article#article-body') || 'pubdate' in inlineDataOf(page)),
  title: [headline('h1.article-title'), meta('og:title'), ldString('headline')],
  published: [ldString('datePublished'), (page) => inlineDataOf(page).pubdate, text('.author-info .mgt10 span')],
  updated: [ldString('dateModified')],
  authors: [
    // Each name apart: linked names (<a>黄佳琪</a><a>王一</a>) must not run together.
    (page) => textsByParts('.author-info span')(page)?.filter((line) => /^作者\s*[：:]/.test(line)),
    texts('#author-block .text-dark-v1'),
    byline((page) => inlineDataOf(page).author),
    ldPersonAuthors,
  ],
  tags: [list(meta('keywords')), ldKeywords, texts('.article-relative-word a')],
  leadImage: [
    (page) => {
      const images = select(page.document, '#carousel-article .carousel-item img').toArray();
      const url = firstAttribute(images, 'data-src') ?? firstAttribute(images, 'src');
      if (!url) return undefined;
      return { url, caption: firstAttribute(images, 'data-title') ?? text('#carousel-article .carousel-item .text-track-v1')(page) };
    },
  ],
  canonicalUrl: [meta('og:url'), ldUrl],
  body: [contentOf('article#article-body'), contentOf('#article-body')],
};
