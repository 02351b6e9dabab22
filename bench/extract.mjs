/**
 * Extraction + conversion, in process, on real-size pages (bench/corpus.mjs), one generation
 * at a time. zb-scrape: extractArticle then renderPost with the default post options, the CPU
 * work `fetch` does per page. The reference: @mozilla/readability on a linkedom document, then
 * Turndown on its content, both with their default settings.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { DEFAULT_POST_OPTIONS } from '../dist/cli/settings.js';
import { extractArticle } from '../dist/extract/index.js';
import { renderPost } from '../dist/write/post.js';
import { realSizeCorpus } from './corpus.mjs';
import { median, nowMs } from './lib.mjs';

const turndown = new TurndownService();

const pipelines = {
  zbScrape: (page) => renderPost(extractArticle(page.html, page.url), DEFAULT_POST_OPTIONS).content.length,
  reference: (page) => {
    const { document } = parseHTML(page.html);
    const article = new Readability(document).parse();
    return article?.content ? turndown.turndown(article.content).length : 0;
  },
};

/** Milliseconds per pass of `fn` over `page`, timed over at least `minMs`. */
function msPerPage(fn, page, minMs) {
  const started = nowMs();
  let passes = 0;
  let sink = 0;
  while (nowMs() - started < minMs || passes < 3) {
    sink += fn(page);
    passes++;
  }
  if (sink < 0) throw new Error('unreachable');
  return (nowMs() - started) / passes;
}

/**
 * Each page through both pipelines in turn, `rounds` times, so that the machine's drift hits
 * both alike; per page, the median of the rounds. A generation's pages/s is over all its pages.
 */
export async function benchExtract({ rounds = 5, sliceMs = 150 } = {}) {
  const corpus = realSizeCorpus();
  // Every page must be read by both; a zb-scrape page that falls back to the generic extractor measures the wrong thing.
  for (const page of corpus) {
    const article = extractArticle(page.html, page.url);
    if (article.generation !== page.generation) throw new Error(`${page.name} was read as ${article.generation}`);
    pipelines.reference(page);
  }
  // Warm-up: JIT and lazy module loading.
  for (let i = 0; i < 3; i++) for (const page of corpus) for (const fn of Object.values(pipelines)) fn(page);
  const samples = new Map(corpus.map((page) => [page, { zbScrape: [], reference: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const page of corpus) {
      for (const [name, fn] of Object.entries(pipelines)) samples.get(page)[name].push(msPerPage(fn, page, sliceMs));
    }
  }
  const pages = corpus.map((page) => {
    const { zbScrape, reference } = samples.get(page);
    return { name: page.name, generation: page.generation, kB: Math.round(Buffer.byteLength(page.html) / 1024), zbMs: median(zbScrape), referenceMs: median(reference), zbMsEach: zbScrape, referenceMsEach: reference };
  });
  const generations = [...new Set(corpus.map((page) => page.generation))].map((generation) => {
    const own = pages.filter((page) => page.generation === generation);
    const total = (key) => own.reduce((sum, page) => sum + page[key], 0);
    const slowest = own.reduce((worst, page) => (page.zbMs / page.referenceMs > worst.zbMs / worst.referenceMs ? page : worst));
    // The generation's ratio in each round: the spread of the figure.
    const roundRatios = Array.from({ length: rounds }, (_, round) => own.reduce((sum, page) => sum + page.referenceMsEach[round], 0) / own.reduce((sum, page) => sum + page.zbMsEach[round], 0));
    return {
      generation,
      pages: own.length,
      kB: [Math.min(...own.map((page) => page.kB)), Math.max(...own.map((page) => page.kB))],
      zbPagesPerSecond: (own.length * 1000) / total('zbMs'),
      referencePagesPerSecond: (own.length * 1000) / total('referenceMs'),
      ratio: total('referenceMs') / total('zbMs'),
      roundRatios,
      slowest: { name: slowest.name, zbMs: slowest.zbMs, referenceMs: slowest.referenceMs, ratio: slowest.referenceMs / slowest.zbMs },
    };
  });
  return { rounds, generations, pages };
}
