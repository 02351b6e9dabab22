/**
 * Loads the article stages (article-stages.ts) on first need, or ahead of it while the first
 * requests travel. Their three heavy packages are loaded first, each in an event-loop turn
 * of its own (see cpu-turns.ts): each takes 20–50 ms to evaluate, and an answer that arrives
 * meanwhile waits for one of them, not for all of them together. A package missing from the
 * list only makes the last piece bigger.
 */
import { inOwnTurn } from '../cpu-turns.js';

export type ArticleStages = typeof import('./article-stages.js');

const HEAVY_PACKAGES: (() => Promise<unknown>)[] = [() => import('cheerio/slim'), () => import('turndown'), () => import('yaml')];

let loading: Promise<ArticleStages> | undefined;

export function loadStages(): Promise<ArticleStages> {
  loading ??= (async () => {
    for (const load of HEAVY_PACKAGES) await inOwnTurn(load);
    return inOwnTurn(() => import('./article-stages.js'));
  })();
  return loading;
}
