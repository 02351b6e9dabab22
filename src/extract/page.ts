/** Parses an HTML page once into everything the field sources read. */
import { jsonrepair } from 'jsonrepair';
import { $, parseDocument, select, type Document } from '../html/parse.js';
import { parseStoryRef } from '../site/urls.js';
import type { Page } from './types.js';

/** Article, NewsArticle and its kinds (ReportageNewsArticle, OpinionNewsArticle, …), BlogPosting, LiveBlogPosting. */
const ARTICLE_TYPES = /^\w*(?:Article|BlogPosting)$/;

function flattenLd(value: unknown, into: Record<string, unknown>[]): void {
  if (Array.isArray(value)) {
    for (const entry of value) flattenLd(entry, into);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    into.push(record);
    if (record['@graph']) flattenLd(record['@graph'], into);
  }
}

function isArticleType(record: Record<string, unknown>): boolean {
  const types = Array.isArray(record['@type']) ? record['@type'] : [record['@type']];
  return types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type));
}

/**
 * Real pages ship invalid ld+json blocks (a trailing comma, a raw line break in a string).
 * Such a block is read as jsonrepair mends it; one past mending is ignored, not fatal.
 */
function parseLd(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // A block ending like a JavaScript statement (`{…};`) is one jsonrepair does not mend.
    return JSON.parse(jsonrepair(text.trim().replace(/;+$/, '')));
  }
}

/** The story an ld+json article says it is (its `url` or `mainEntityOfPage`), if it says. */
function ldStoryId(article: Record<string, unknown>): string | undefined {
  const main = article.mainEntityOfPage;
  const mainId = main && typeof main === 'object' ? (main as Record<string, unknown>)['@id'] : main;
  for (const candidate of [article.url, mainId]) {
    const story = typeof candidate === 'string' ? parseStoryRef(candidate) : undefined;
    if (story) return story.id;
  }
  return undefined;
}

/**
 * The ld+json articles about this page's story: a block that names another story (a related
 * list, a live blog's entries) must not lend it another story's date or byline.
 */
function ownArticles(articles: Record<string, unknown>[], url: string): Record<string, unknown>[] {
  const storyId = parseStoryRef(url)?.id;
  return storyId ? articles.filter((article) => (ldStoryId(article) ?? storyId) === storyId) : articles;
}

const isReference = (value: unknown): value is { '@id': string } =>
  Boolean(value) && typeof value === 'object' && typeof (value as Record<string, unknown>)['@id'] === 'string' && !('name' in (value as object));

/** An author given by reference (`{"@id": "…#person"}`) is the node of that @id elsewhere in the page's ld+json. */
function withAuthorsResolved(article: Record<string, unknown>, byId: Map<string, Record<string, unknown>>): Record<string, unknown> {
  const authors = Array.isArray(article.author) ? article.author : [article.author];
  if (!authors.some(isReference)) return article;
  return { ...article, author: authors.map((author) => (isReference(author) ? (byId.get(author['@id']) ?? author) : author)) };
}

function readLdArticles(document: Document): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  select(document, 'script[type="application/ld+json"]').each((_, element) => {
    try {
      flattenLd(parseLd($(element).text()), records);
    } catch {
      // ignore this block, use the others
    }
  });
  const byId = new Map<string, Record<string, unknown>>();
  for (const record of records) if (typeof record['@id'] === 'string' && !isReference(record)) byId.set(record['@id'], record);
  return records.filter(isArticleType).map((article) => withAuthorsResolved(article, byId));
}

export function parsePage(html: string, url: string): Page {
  const document = parseDocument(html);
  const scripts = select(document, 'script:not([src])')
    .map((_, element) => $(element).text())
    .get();
  const derived = new Map<(page: Page) => unknown, unknown>();
  const page: Page = {
    document,
    url,
    scripts,
    ldArticles: ownArticles(readLdArticles(document), url),
    once<T>(derive: (page: Page) => T): T {
      if (!derived.has(derive)) derived.set(derive, derive(page));
      return derived.get(derive) as T;
    },
  };
  return page;
}
