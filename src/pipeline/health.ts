/**
 * Run health: which page generations read this run's pages, and what no page source gave. A
 * site redesign shows here first: pages fall to the generic extractor, or lose their time.
 */
import type { Article, MissingField } from '../extract/types.js';

export interface RunHealth {
  /** `degraded` when the site has likely changed its layout (see isDegraded). */
  status: 'ok' | 'degraded';
  /** Article pages read (a post built from the feed is none). */
  pages: number;
  /** Pages read per generation (`{"sg-react": 12, "generic": 1}`). */
  generations: Record<string, number>;
  /** Pages read by the generic fallback. */
  generic: number;
  /** Pages that no extractor could read at all. */
  unreadable: string[];
  /** Pages whose field came from no page source, by field. */
  missing: Record<MissingField, string[]>;
}

/** A share of the pages that says the site changed, not that one story is odd. */
const NOTABLE = { pages: 2, share: 0.2 };

export const ISSUES_URL = 'https://github.com/zb-scrape/zb-scrape/issues';

export function emptyHealth(): RunHealth {
  return { status: 'ok', pages: 0, generations: {}, generic: 0, unreadable: [], missing: { published: [], byline: [], leadImage: [], tags: [] } };
}

export function pageRead(health: RunHealth, url: string, article: Article): void {
  health.pages++;
  health.generations[article.generation] = (health.generations[article.generation] ?? 0) + 1;
  if (article.generation === 'generic') health.generic++;
  for (const field of article.missing ?? []) health.missing[field].push(url);
}

export function pageUnreadable(health: RunHealth, url: string): void {
  health.pages++;
  health.unreadable.push(url);
}

/** Settles the status once every page is in. */
export function settleHealth(health: RunHealth): void {
  health.status = isDegraded(health) ? 'degraded' : 'ok';
}

/** The pages per layout, in one line: `sg-react 12, generic 1, unreadable 1`. */
export function pagesByLayout(health: RunHealth): string {
  const parts = Object.entries(health.generations).map(([name, count]) => `${name} ${count}`);
  if (health.unreadable.length) parts.push(`unreadable ${health.unreadable.length}`);
  return parts.join(', ');
}

function notable(count: number, pages: number): boolean {
  return count >= NOTABLE.pages && count / pages >= NOTABLE.share;
}

/** Pages the known layouts could not read, or that lost their time, in a notable share. */
function isDegraded(health: RunHealth): boolean {
  return notable(health.generic + health.unreadable.length, health.pages) || notable(health.missing.published.length, health.pages);
}

/** The one warning line of a degraded run: what happened, the likely cause, what to do. */
export function healthWarning(health: RunHealth, savedPagesDir?: string): string | undefined {
  if (health.status !== 'degraded') return undefined;
  const facts: string[] = [];
  const fallback = health.generic + health.unreadable.length;
  if (fallback) facts.push(`${fallback} of ${health.pages} pages matched no known layout`);
  if (health.missing.published.length) facts.push(`${health.missing.published.length} of ${health.pages} had no publish time`);
  const pages = savedPagesDir ? `the pages are saved in ${savedPagesDir}` : 'run again with --save-pages <dir> to keep the pages';
  return `the site's layout has likely changed (${facts.join('; ')}): ${pages}; please report it at ${ISSUES_URL}`;
}
