/** Conditional requests during discovery: where a source's validators are found, and under which key. */
import type { Validators } from '../fetch/http.js';
import { normalizeArticleLink } from './normalize.js';
import type { DiscoveredItem } from './types.js';
import { windowStartDay, type DateWindow } from './window.js';

/** What an earlier run read from a source: its validators, and the article URLs it listed. */
export interface CachedSource {
  validators: Validators;
  /** On a 304 these stand in for the unchanged body, so a story missing from the output is still found. */
  urls: string[];
}

/** Where discovery finds what earlier runs read, by state key. */
export interface ConditionalLookup {
  get(key: string): CachedSource | undefined;
}

/**
 * A source's key in the state file. The URLs kept under it are the ones the run kept, so the
 * key says everything that chose them: the date window (--since by its first day) and, for a
 * sitemap, the sections it was read for. Another window or section is another key.
 */
export function stateKey(url: string, window: DateWindow | undefined, sections?: readonly string[]): string {
  const start = window ? windowStartDay(window) : undefined;
  const days = start || window?.toDay ? ` ${start ?? ''}..${window?.toDay ?? ''}` : '';
  const scope = sections?.length ? ` ${[...sections].sort().join(',')}` : '';
  return `${url}${days}${scope}`;
}

/** The items an unchanged source listed last time, rebuilt from their URLs. */
export function itemsFromCache(cached: CachedSource, source: string, origin: URL | undefined): DiscoveredItem[] {
  return cached.urls.flatMap((url) => {
    const verdict = normalizeArticleLink(url, source, origin);
    return verdict.ok ? [{ url: verdict.url, story: verdict.story, via: source }] : [];
  });
}
