/**
 * Pages with their expected extraction (an `expected.json` beside them): each generation's
 * fixtures in `fixtures/<generation>/`, and the shared corpus when it is there.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { formatIsoSingapore } from '../../src/time/singapore.js';
import { DEFAULT_POST_OPTIONS } from '../../src/cli/settings.js';
import { renderPost } from '../../src/write/post.js';
import { markdownToText, squash } from './markdown-text.js';
import { fixture, FIXTURES } from './site-server.js';

export interface Expectation {
  generation?: string;
  title: string;
  published: string;
  author: string;
  tags: string[];
  url: string;
  leadImage?: string;
  paywalled?: boolean;
  ordered?: boolean;
  paragraphs: string[];
  absent: string[];
}

/** The folder of a generation's fixture pages. */
export const fixtureDir = (generation: string): string => `${FIXTURES}${generation}`;

/** One fixture page of a generation, as text. */
export const fixturePage = (generation: string, file: string): string => fixture(`${generation}/${file}`);

/** Every page of `dir` that its expected.json describes: [file, expectation, html]. */
export function loadSuite(dir: string): [string, Expectation, string][] {
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Record<string, Expectation>;
  return Object.entries(expected).map(([file, expectation]) => [file, expectation, readFileSync(`${dir}/${file}`, 'utf8')]);
}

export function checkPage(file: string, expectation: Expectation, html: string): void {
  // Pages are read at their public address, as fetch does after discovery.
  const article = extractArticle(html, expectation.url);
  const post = renderPost(article, DEFAULT_POST_OPTIONS);
  if (expectation.generation) expect(article.generation, file).toBe(expectation.generation);
  expect(article.title).toBe(expectation.title);
  expect(formatIsoSingapore(article.published)).toBe(expectation.published);
  expect(article.authors.length ? article.authors.join('、') : '联合早报').toBe(expectation.author);
  expect(article.tags).toEqual(expectation.tags);
  expect(article.url).toBe(expectation.url);
  expect(article.paywalled).toBe(expectation.paywalled ?? false);
  if (expectation.leadImage) expect(article.leadImage?.url).toBe(expectation.leadImage);

  const body = post.content.slice(post.content.indexOf('\n---\n') + 5);
  const text = squash(markdownToText(body));
  let cursor = -1;
  for (const paragraph of expectation.paragraphs) {
    const at = text.indexOf(squash(paragraph), cursor + 1);
    expect(at, `${file}: "${paragraph}" missing or out of order`).toBeGreaterThan(cursor);
    cursor = at;
  }
  for (const unwanted of expectation.absent) expect(post.content, `${file} contains "${unwanted}"`).not.toContain(unwanted);
}
