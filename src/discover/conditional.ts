/** Conditional requests during discovery: where a source's validators are found, and under which key. */
import type { Validators } from '../fetch/http.js';
import { normalizeArticleLink } from './normalize.js';
import type { DiscoveredItem } from './types.js';
import type { DateWindow } from './window.js';

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

/** A source's key in the state file: what it yields depends on the date window too. */
export function stateKey(url: string, window: DateWindow | undefined): string {
  if (!window || (!window.fromDay && !window.toDay)) return url;
  return `${url} ${window.fromDay ?? ''}..${window.toDay ?? ''}`;
}

/** The items an unchanged source listed last time, rebuilt from their URLs. */
export function itemsFromCache(cached: CachedSource, source: string, origin: URL | undefined): DiscoveredItem[] {
  return cached.urls.flatMap((url) => {
    const verdict = normalizeArticleLink(url, source, origin);
    return verdict.ok ? [{ url: verdict.url, story: verdict.story, via: source }] : [];
  });
}
