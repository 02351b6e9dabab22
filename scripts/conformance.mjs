#!/usr/bin/env node
/**
 * Conformance suite: how close extraction comes to the article as its editors published it.
 *
 *   npm run conformance                      the shared corpus (../shared/corpus/samples) and each generation's
 *                                            fixture pages (fixtures/<generation>/) against their expected.json
 *   ZB_CORPUS=dir npm run conformance        also every saved page in dir, against the page's own ground truth
 *                                            (ld+json articleBody, the hydration JSON's body, meta tags)
 *
 * Prints one row per page: text recall and precision (tokens: each Han character, each run of
 * letters or digits), paragraph order, metadata exactness and the paywall flag. Exits 1 when a
 * page misses the bar (recall 1.00, precision ≥ 0.99, exact metadata).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio/slim';
import { htmlToMarkdown } from '../dist/convert/markdown.js';
import { extractArticle } from '../dist/extract/index.js';
import { hydrationOf } from '../dist/extract/generations/sg-react/hydration.js';
import { parsePage } from '../dist/extract/page.js';
import { formatIsoSingapore, parseZaobaoTime } from '../dist/time/singapore.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(ROOT, '../shared/corpus/samples');
const MIN_RECALL = 1;
const MIN_PRECISION = 0.99;

/** Reader-visible text of the Markdown we write (images, link targets, emphasis and list marks are not words). */
function markdownText(markdown) {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(?<!\\)[*_]{1,2}(?=\S)|(?<=\S)(?<!\\)[*_]{1,2}/g, '')
    .replace(/^\s*(?:\d+\.|[-*+]|#{1,6}|>)\s+/gm, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>])/g, '$1');
}

function tokens(text) {
  return text.match(/\p{Script=Han}|[\p{L}\p{N}]+/gu) ?? [];
}

function counts(list) {
  const map = new Map();
  for (const token of list) map.set(token, (map.get(token) ?? 0) + 1);
  return map;
}

function overlap(expected, actual) {
  const have = counts(actual);
  let shared = 0;
  for (const [token, count] of counts(expected)) shared += Math.min(count, have.get(token) ?? 0);
  return shared;
}

const squash = (text) => text.replace(/\s+/g, '');

function paragraphOrder(paragraphs, text) {
  const haystack = squash(text);
  let cursor = -1;
  let inOrder = 0;
  for (const paragraph of paragraphs) {
    const at = haystack.indexOf(squash(paragraph), cursor + 1);
    if (at > cursor) {
      inOrder++;
      cursor = at;
    }
  }
  return `${inOrder}/${paragraphs.length}`;
}

function score(file, html, truth) {
  let article;
  try {
    article = extractArticle(html, truth.url ?? 'https://www.zaobao.com.sg/');
  } catch (error) {
    return { page: file, error: error.message, pass: false };
  }
  const bodyText = markdownText(htmlToMarkdown(article.bodyHtml));
  // Captions of the lead image are the article's words too.
  const allowed = `${truth.paragraphs.join('\n')}\n${article.leadImage?.caption ?? ''}`;
  const expectedTokens = tokens(truth.paragraphs.join('\n'));
  const actualTokens = tokens(bodyText);
  const recall = expectedTokens.length ? overlap(expectedTokens, actualTokens) / expectedTokens.length : 1;
  const precision = actualTokens.length ? overlap(actualTokens, tokens(allowed)) / actualTokens.length : 0;
  const author = article.authors.length ? article.authors.join('、') : '联合早报';
  const checks = {
    title: truth.title === undefined || article.title === truth.title,
    time: truth.published === undefined || formatIsoSingapore(article.published) === truth.published,
    byline: truth.author === undefined || author === truth.author,
    tags: truth.tags === undefined || JSON.stringify(article.tags) === JSON.stringify(truth.tags),
    url: truth.url === undefined || article.url === truth.url,
    paywall: truth.paywalled === undefined || article.paywalled === truth.paywalled,
  };
  // A saved page without a body of its own (no articleBody, no hydration) has no text truth.
  const hasText = truth.paragraphs.length > 0;
  const order = paragraphOrder(truth.paragraphs, bodyText);
  const leaks = (truth.absent ?? []).filter((word) => htmlToMarkdown(article.bodyHtml).includes(word));
  const metadataOk = Object.values(checks).every(Boolean);
  const textOk = !hasText || (recall >= MIN_RECALL && precision >= MIN_PRECISION && order === `${truth.paragraphs.length}/${truth.paragraphs.length}`);
  const pass = textOk && metadataOk && leaks.length === 0;
  return {
    page: file,
    generation: article.generation,
    recall: hasText ? recall.toFixed(2) : 'n/a',
    precision: hasText ? precision.toFixed(2) : 'n/a',
    order: hasText ? order : 'n/a',
    metadata: metadataOk ? 'exact' : Object.entries(checks).filter(([, ok]) => !ok).map(([key]) => key).join(','),
    paywalled: article.paywalled,
    leaks: leaks.join(',') || '-',
    pass,
    ...(metadataOk ? {} : { got: { title: article.title, time: formatIsoSingapore(article.published), author, tags: article.tags, url: article.url } }),
  };
}

/** Ground truth a saved page carries about itself. */
function pageTruth(html) {
  const page = parsePage(html, 'https://www.zaobao.com.sg/');
  const hydration = hydrationOf(page);
  const ld = page.ldArticles[0] ?? {};
  const meta = (name) => page.$(`meta[property="${name}"], meta[name="${name}"]`).attr('content')?.trim();
  const bodyHtml = hydration?.body_cn ?? hydration?.body;
  const paragraphs = bodyHtml
    ? cheerio.load(bodyHtml, null, false)('p, h2, h3, li, figcaption').map((_, element) => cheerio.load(element).text().trim()).get()
    : String(ld.articleBody ?? '').split(/\n+/);
  const published = parseZaobaoTime(hydration?.create_time ?? ld.datePublished);
  return {
    title: hydration?.headline ?? ld.headline ?? meta('og:title'),
    published: published === undefined ? undefined : formatIsoSingapore(published),
    url: meta('og:url'),
    paragraphs: paragraphs.map((text) => text.replace(/[\s\u00a0\u3000]+/g, ' ').trim()).filter(Boolean),
  };
}

function suites() {
  const found = [];
  if (existsSync(join(SHARED, 'expected.json'))) {
    const expected = JSON.parse(readFileSync(join(SHARED, 'expected.json'), 'utf8'));
    found.push({ name: `shared corpus (${SHARED})`, pages: Object.entries(expected).map(([file, truth]) => [file, readFileSync(join(SHARED, file), 'utf8'), truth]) });
  } else {
    console.log(`skipped: no shared corpus at ${SHARED}`);
  }
  for (const generation of readdirSync(join(ROOT, 'fixtures')).sort()) {
    const dir = join(ROOT, 'fixtures', generation);
    if (!existsSync(join(dir, 'expected.json'))) continue;
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
    found.push({ name: `fixtures/${generation}`, pages: Object.entries(expected).map(([file, truth]) => [file, readFileSync(join(dir, file), 'utf8'), truth]) });
  }
  const extra = process.env.ZB_CORPUS;
  if (extra && existsSync(extra)) {
    const files = readdirSync(extra).filter((name) => /\.html?$/.test(name)).sort();
    found.push({
      name: `ZB_CORPUS (${extra})`,
      pages: files.map((file) => {
        const html = readFileSync(join(extra, file), 'utf8');
        return [file, html, pageTruth(html)];
      }),
    });
  } else if (extra) {
    console.log(`skipped: ZB_CORPUS=${extra} does not exist`);
  }
  return found;
}

let failures = 0;
let pages = 0;
for (const suite of suites()) {
  console.log(`\n${suite.name}`);
  const rows = suite.pages.map(([file, html, truth]) => score(file, html, truth));
  console.table(rows.map(({ got: _got, ...row }) => row));
  for (const row of rows) {
    pages++;
    if (!row.pass) {
      failures++;
      console.log(`FAIL ${row.page}${row.error ? `: ${row.error}` : ''}${row.got ? ` got ${JSON.stringify(row.got)}` : ''}`);
    }
  }
}
console.log(`\nconformance: ${pages - failures} passed, ${failures} failed`);
process.exitCode = failures ? 1 : 0;
