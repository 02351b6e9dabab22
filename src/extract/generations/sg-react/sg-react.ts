/**
 * zaobao.com.sg React SSR pages (2023–2026). The article ships as JSON in the hydration
 * payload (headline, create_time in Unix seconds, tags, HTML body, images with captions);
 * ld+json `script#seo-article-page` has the byline and the paywall flag, its time in UTC.
 */
import { attr, contentOf, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, splitList } from '../../sources.js';
import { exists } from '../../../html/parse.js';
import type { Generation, LeadImage } from '../../types.js';
import { hydrationOf } from './hydration.js';

const names = (values: unknown): string[] | undefined => {
  if (typeof values === 'string') return splitList(values);
  if (!Array.isArray(values)) return undefined;
  const list = values
    .map((value: unknown) => (typeof value === 'string' ? value : (value as { name?: string })?.name ?? ''))
    .map((name) => name.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
};

export const sgReact: Generation = {
  name: 'sg-react',
  // Or, should the hydration script be missing or changed past reading, the rendered copy
  // beside this edition's own ld+json block: its metadata and .articleBody still hold.
  detect: (page) => {
    const hydration = hydrationOf(page);
    return (
      (hydration !== undefined && Boolean(hydration.headline || hydration.body_cn || hydration.body)) ||
      (exists(page.document, 'script#seo-article-page') && exists(page.document, '.articleBody, [class*="articleBody"]'))
    );
  },
  title: [(page) => hydrationOf(page)?.headline?.trim(), meta('og:title'), ldString('headline')],
  published: [
    (page) => hydrationOf(page)?.create_time ?? hydrationOf(page)?.publish_time,
    ldString('datePublished'),
    meta('article:published_time'),
  ],
  updated: [(page) => hydrationOf(page)?.update_time, ldString('dateModified')],
  // A string byline keeps its separators and credits for extraction to read (byline.ts, bylineNames).
  authors: [
    (page) => {
      const byline = hydrationOf(page)?.byline;
      return typeof byline === 'string' ? [byline] : names(byline);
    },
    ldPersonAuthors,
  ],
  tags: [(page) => names(hydrationOf(page)?.tags), ldKeywords, list(meta('keywords'))],
  section: [
    (page) => {
      const section = hydrationOf(page)?.section;
      return typeof section === 'string' ? section : section?.name;
    },
  ],
  leadImage: [
    (page): LeadImage | undefined => {
      const image = hydrationOf(page)?.images?.find((candidate) => candidate.url);
      return image?.url ? { url: image.url, caption: image.caption?.trim() || undefined } : undefined;
    },
  ],
  // The editors' own standfirst.
  summary: [(page) => hydrationOf(page)?.summary?.trim() || undefined, ldString('description')],
  canonicalUrl: [meta('og:url'), ldUrl, attr('link[rel="canonical"]', 'href')],
  // Premium stories are served cut after their first paragraph.
  oneParagraphIsPaywall: true,
  body: [(page) => hydrationOf(page)?.body_cn, (page) => hydrationOf(page)?.body, contentOf('.articleBody'), contentOf('[class*="articleBody"]')],
  clean: [
    '.bff-google-ad',
    '.bff-recommend-article',
    '.bff-inline-image-expand-icon',
    '.bff-bottom-profile', // author profile card under the story
    'button.cursor-pointer',
  ],
  listingCards: [
    '.news-feature-card a', // section pages' feature cards
    '.homepage-today-recommended-3-col-layout li a', // the recommended list
    '[data-testid^="test-realtime-article-card"] a', // realtime cards…
    'a[data-testid^="test-realtime-article-card"]', // …or the card is the link itself
  ],
};
