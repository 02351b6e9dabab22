/**
 * zaobao.com CN/HK edition, 2022–2024 (Astro). Metadata in ld+json; the body's
 * paragraphs may be served out of order, their true position encoded in `data-s`
 * (RSSHub #10306, #10309).
 */
import type { CheerioAPI } from 'cheerio';
import { attr, html, ldKeywords, ldPaywalled, ldPersonAuthors, ldString, ldUrl, list, meta, splitList, text, texts } from '../sources.js';
import type { Generation } from '../types.js';

/** `data-s` = 3 filler characters + base32 (RFC 4648) of the paragraph's position. */
const DATA_S_FILLER = 3;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function decodeBase32(value: string): string | undefined {
  let bits = 0;
  let buffer = 0;
  let output = '';
  for (const char of value.replace(/=+$/, '').toUpperCase()) {
    const index = BASE32_ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    buffer = (buffer << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      output += String.fromCharCode((buffer >> bits) & 0xff);
    }
  }
  return output;
}

export function dataSPosition(value: string | undefined): number | undefined {
  if (!value || value.length <= DATA_S_FILLER) return undefined;
  const decoded = decodeBase32(value.slice(DATA_S_FILLER));
  return decoded !== undefined && /^\d+$/.test(decoded) ? Number(decoded) : undefined;
}

/** Puts paragraphs carrying `data-s` back in their published order, in the slots they occupy. */
export function restoreParagraphOrder($: CheerioAPI): void {
  const paragraphs = $('[data-s]').toArray();
  const positions = paragraphs.map((element) => dataSPosition($(element).attr('data-s')));
  if (paragraphs.length < 2 || positions.some((position) => position === undefined)) return;
  const sorted = paragraphs
    .map((element, index) => ({ element, position: positions[index]! }))
    .sort((a, b) => a.position - b.position);
  const placeholders = paragraphs.map((element) => $('<zb-slot></zb-slot>').insertBefore(element));
  sorted.forEach(({ element }, index) => placeholders[index]!.replaceWith(element));
}

export const cnAstro: Generation = {
  name: 'cn-astro',
  detect: ({ $ }) =>
    $('.article-body').length > 0 && ($('[data-s]').length > 0 || $('astro-island').length > 0 || $('[data-testid="article-title"]').length > 0),
  title: [ldString('headline'), text('h1[data-testid="article-title"]'), text('article h1'), meta('og:title')],
  published: [ldString('datePublished'), meta('article:published_time')],
  updated: [ldString('dateModified')],
  authors: [(page) => texts('.byline')(page)?.flatMap(splitList), ldPersonAuthors],
  tags: [ldKeywords, list(meta('keywords'))],
  leadImage: [
    (page) => {
      const url = attr('[data-testid="article-banner"] img', 'src')(page);
      return url ? { url, caption: attr('[data-testid="article-banner"] img', 'title')(page) } : undefined;
    },
  ],
  canonicalUrl: [ldUrl, meta('og:url')],
  body: [html('.article-body')],
  clean: ['astro-island', '.further-reading', '.read-on-app-cover', 'img[alt="expend icon"]'],
  transforms: [restoreParagraphOrder],
  paywalled: [ldPaywalled],
};
