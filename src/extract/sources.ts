/**
 * Building blocks for the generation descriptions: each returns a `Source`, a small
 * function that looks for one value in one place of a parsed page.
 */
import { decodeHTML } from 'entities';
import { $, exists, select, selectFirst, type AnyNode, type Cheerio, type Element } from '../html/parse.js';
import { isArticleImage } from '../site/urls.js';
import { personName, separatesNames } from './byline.js';
import { imageAddress, largestSrcsetUrl } from './clean.js';
import type { BodyContent, LeadImage, Page, Source } from './types.js';

const collapse = (text: string) => text.replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, ' ').trim();

/** Trimmed text of the first element matching `selector`. */
export const text =
  (selector: string): Source<string> =>
  ({ document }) =>
    collapse(selectFirst(document, selector).text()) || undefined;

/**
 * A headline as the page sets it: only zero-width characters go here, and the title's own
 * cleaning keeps its ideographic spaces (U+3000 between two parts of a headline).
 */
export const headline =
  (selector: string): Source<string> =>
  ({ document }) =>
    selectFirst(document, selector).text().replace(/[\u200b-\u200d\u2060\ufeff]/g, '').trim() || undefined;

/**
 * Text of the first element matching `selector`, its child elements set apart by an enumeration
 * mark: linked names (`<a>郭玉洁</a><a>王一</a>`) read `郭玉洁、王一`, not `郭玉洁王一`; text that
 * touches an element stays with it (`郭<b>玉洁</b>`).
 */
export const textByParts =
  (selector: string): Source<string> =>
  ({ document }) =>
    partsOf(selectFirst(document, selector));

/** textByParts of every element matching `selector` (each a byline of its own). */
export const textsByParts =
  (selector: string): Source<string[]> =>
  ({ document }) => {
    const bylines = select(document, selector)
      .toArray()
      .map((element) => partsOf($(element)))
      .filter((value): value is string => value !== undefined);
    return bylines.length ? bylines : undefined;
  };

function partsOf(element: Cheerio<Element>): string | undefined {
  let joined = '';
  let afterElement = false;
  for (const node of element.contents().toArray()) {
    const part = $(node).text();
    // A line break (or any element without text) sets the parts on either side apart.
    if (node.type === 'tag' && !part.trim()) {
      joined += '、';
      afterElement = false;
      continue;
    }
    if (node.type !== 'tag') {
      // "和", " / ", " · " between two names are separators, whatever their spacing.
      if (afterElement && separatesNames(part)) joined += '、';
      else joined += afterElement && /^\s/.test(part) ? `、${part}` : part;
      if (part.trim()) afterElement = false;
      continue;
    }
    if (afterElement || /\s$/.test(joined)) joined += '、';
    joined += part;
    afterElement = true;
  }
  return collapse(joined) || undefined;
}

/** Texts of every element matching `selector`. */
export const texts =
  (selector: string): Source<string[]> =>
  ({ document }) =>
    select(document, selector)
      .map((_, element) => collapse($(element).text()))
      .get()
      .filter(Boolean);

/** The attribute of the first of `elements` that has it, trimmed. */
export function firstAttribute(elements: readonly Element[], name: string): string | undefined {
  for (const element of elements) {
    const value = element.attribs[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Attribute of the first element matching `selector` that has it. */
export const attr =
  (selector: string, name: string): Source<string> =>
  ({ document }) =>
    firstAttribute(select(document, selector).toArray(), name);

/** The picture of the first `img` matching `selector`: a lazy one's `data-src`, not its placeholder; else its srcset's largest. */
export const imageSource =
  (selector: string): Source<string> =>
  ({ document }) => {
    const images = select(document, selector).toArray();
    const lazy = firstAttribute(images, 'data-src');
    const src = firstAttribute(images, 'src');
    const srcset = firstAttribute(images, 'data-srcset') ?? firstAttribute(images, 'srcset');
    return lazy ?? (src && !src.startsWith('data:') ? src : undefined) ?? (srcset ? largestSrcsetUrl(srcset) || undefined : undefined);
  };

/**
 * The content of the first element matching `selector`, as a copy of its nodes: the page is
 * parsed once, and the body is cleaned without being serialised and parsed again.
 */
export const contentOf =
  (selector: string): Source<BodyContent> =>
  ({ document }) => {
    const element = selectFirst(document, selector);
    return element.length ? element.clone().contents().toArray() : undefined;
  };

/** Every `<meta property=…>` (or name) of that name, as a list (`article:tag` repeats). */
export const metas =
  (name: string): Source<string[]> =>
  ({ document }) => {
    const values = select(document, `meta[property="${name}"], meta[name="${name}"]`)
      .map((_, element) => element.attribs.content?.trim() ?? '')
      .get()
      .filter(Boolean);
    return values.length ? values : undefined;
  };

/** `<meta property=…>` or `<meta name=…>` content. */
export const meta =
  (name: string): Source<string> =>
  ({ document }) =>
    selectFirst(document, `meta[property="${name}"], meta[name="${name}"]`).attr('content')?.trim() || undefined;

/** A value from the first ld+json article that has it. */
export const ld =
  <T>(read: (article: Record<string, unknown>) => T | undefined): Source<T> =>
  ({ ldArticles }) => {
    for (const article of ldArticles) {
      const value = read(article);
      if (value !== undefined && value !== null && value !== '') return value;
    }
    return undefined;
  };

export const ldString = (key: string): Source<string> =>
  ld((article) => (typeof article[key] === 'string' ? (article[key] as string).trim() || undefined : undefined));

/** Person names from ld+json `author`, objects or plain strings (an Organization is the site, not a byline). */
export const ldPersonAuthors: Source<string[]> = ld((article) => {
  const authors = Array.isArray(article.author) ? article.author : [article.author];
  const names = authors
    .map((author) => {
      if (typeof author === 'string') return author.trim();
      if (!author || typeof author !== 'object' || /Organization$/.test(String((author as Record<string, unknown>)['@type'] ?? ''))) return '';
      const name = (author as Record<string, unknown>).name;
      return typeof name === 'string' ? personName(name) : '';
    })
    .filter(Boolean);
  return names.length ? names : undefined;
});

/** ld+json `keywords`, a comma string or an array. */
export const ldKeywords: Source<string[]> = ld((article) => {
  const keywords = article.keywords;
  if (Array.isArray(keywords)) return keywords.filter((word): word is string => typeof word === 'string');
  return typeof keywords === 'string' ? splitList(keywords) : undefined;
});

/** The page URL ld+json declares (`url`, or `mainEntityOfPage` as a string or `@id`). */
export const ldUrl: Source<string> = ld((article) => {
  if (typeof article.url === 'string') return article.url;
  const main = article.mainEntityOfPage;
  if (typeof main === 'string') return main;
  if (main && typeof main === 'object' && typeof (main as Record<string, unknown>)['@id'] === 'string') {
    return (main as Record<string, unknown>)['@id'] as string;
  }
  return undefined;
});

/** ld+json `isAccessibleForFree` as a boolean (the strings "True"/"false" too), undefined when not said. */
function accessibleForFree(article: Record<string, unknown>): boolean | undefined {
  const free = article.isAccessibleForFree;
  if (typeof free === 'boolean') return free;
  if (typeof free !== 'string') return undefined;
  const word = free.toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : undefined;
}

/** `isAccessibleForFree: false`: the page says it is paywalled. */
export const ldPaywalled: Source<boolean> = ld((article) => (accessibleForFree(article) === false ? true : undefined));

/** `isAccessibleForFree: true`: the page says it is free. */
export const ldDeclaredFree: Source<boolean> = ld((article) => (accessibleForFree(article) === true ? true : undefined));

/** og:image when it is the story's own picture (not the site's default share image). */
export const articleOgImage: Source<{ url: string }> = (page) => {
  const url = meta('og:image')(page);
  return url && isArticleImage(url) ? { url } : undefined;
};

/** ld+json `image`: an address, an ImageObject or a list of them; the story's own picture only. */
export const ldImage: Source<{ url: string }> = ld((article) => {
  for (const image of Array.isArray(article.image) ? article.image : [article.image]) {
    const record = image && typeof image === 'object' ? (image as Record<string, unknown>) : undefined;
    const url = typeof image === 'string' ? image : (record?.url ?? record?.contentUrl);
    if (typeof url === 'string' && isArticleImage(url)) return { url };
  }
  return undefined;
});

/** Where any page says what its picture is, for when its generation's own rule finds none. */
export const SITE_LEAD_IMAGES: Source<LeadImage>[] = [ldImage, articleOgImage];

/** The address of a picture element: its real source when it is loaded lazily, the largest of a srcset. */
export function pictureUrl(image: AnyNode): string | undefined {
  const found = imageAddress(image);
  if (!found) return undefined;
  return (found.attribute.endsWith('srcset') ? largestSrcsetUrl(found.value) : found.value) || undefined;
}

/** `<title>` without the site suffix. */
export const documentTitle: Source<string> = ({ document }) => collapse(selectFirst(document, 'title').text()) || undefined;

/** True when any element matches. */
export const present =
  (selector: string): Source<boolean> =>
  ({ document }) =>
    exists(document, selector) || undefined;

/** Paywall markers of the site's pages, whatever their generation; a generation adds its own (`paywalled`). */
export const SITE_PAYWALL_MARKERS: Source<boolean>[] = [ldPaywalled, present('.overlay-microtransaction, #video-freemium-player')];

/** Splits a keyword list on commas and enumeration marks (entities decoded first: `R&amp;D` holds no `;` to split on). */
export function splitList(value: string): string[] {
  return decodeHTML(value)
    .split(/[,，、;；|]/)
    .map((part) => collapse(part))
    .filter(Boolean);
}

/** The first source that yields a non-empty value. */
export function first<T>(sources: readonly Source<T>[] | undefined, page: Page): T | undefined {
  for (const source of sources ?? []) {
    const value = source(page);
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && !value.trim()) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    return value;
  }
  return undefined;
}

/** A byline as the page gives it; extraction sets its names apart (byline.ts, bylineNames). */
export const byline =
  (source: Source<string>): Source<string[]> =>
  (page) => {
    const value = source(page);
    return value ? [value] : undefined;
  };

/** A single-value source read as a list (split on commas and enumeration marks). */
export const list =
  (source: Source<string>): Source<string[]> =>
  (page) => {
    const value = source(page);
    return value ? splitList(value) : undefined;
  };
