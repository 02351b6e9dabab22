/**
 * zaobao.com.sg React SSR pages (2023–2026). The article ships as JSON in the hydration
 * payload (headline, create_time in Unix seconds, tags, HTML body, images with captions);
 * ld+json `script#seo-article-page` has the byline and the paywall flag, its time in UTC.
 */
import { articleOgImage, attr, contentOf, ldKeywords, ldPersonAuthors, ldString, ldUrl, list, meta, splitList } from '../sources.js';
import { exists } from '../../html/parse.js';
import type { Generation, LeadImage } from '../types.js';

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
  detect: (page) =>
    (page.hydration !== undefined && Boolean(page.hydration.headline || page.hydration.body_cn || page.hydration.body)) ||
    (exists(page.$, 'script#seo-article-page') && exists(page.$, '.articleBody, [class*="articleBody"]')),
  title: [(page) => page.hydration?.headline?.trim(), meta('og:title'), ldString('headline')],
  published: [
    (page) => page.hydration?.create_time ?? page.hydration?.publish_time,
    ldString('datePublished'),
    meta('article:published_time'),
  ],
  updated: [(page) => page.hydration?.update_time, ldString('dateModified')],
  // A string byline keeps its separators and credits for extraction to read (title.ts, bylineNames).
  authors: [(page) => (typeof page.hydration?.byline === 'string' ? [page.hydration.byline] : names(page.hydration?.byline)), ldPersonAuthors],
  tags: [(page) => names(page.hydration?.tags), ldKeywords, list(meta('keywords'))],
  section: [
    (page) => {
      const section = page.hydration?.section;
      return typeof section === 'string' ? section : section?.name;
    },
  ],
  leadImage: [
    (page): LeadImage | undefined => {
      const image = page.hydration?.images?.find((candidate) => candidate.url);
      return image?.url ? { url: image.url, caption: image.caption?.trim() || undefined } : undefined;
    },
    articleOgImage,
  ],
  canonicalUrl: [meta('og:url'), ldUrl, attr('link[rel="canonical"]', 'href')],
  // The MANIFEST's site-wide marker: premium stories are served cut after their first paragraph.
  oneParagraphIsPaywall: true,
  body: [(page) => page.hydration?.body_cn, (page) => page.hydration?.body, contentOf('.articleBody'), contentOf('[class*="articleBody"]')],
  clean: [
    '.bff-google-ad',
    '.bff-recommend-article',
    '.bff-inline-image-expand-icon',
    '.bff-bottom-profile', // author profile card under the story
    'button.cursor-pointer',
  ],
};
