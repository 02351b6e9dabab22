/**
 * RSSHub's zaobao feed labels Singapore local times as GMT: every time is 8 hours late.
 * The error shows on some items (a time in the future, or a Singapore day that disagrees
 * with the story id's day while the corrected time agrees); when any item of a feed shows
 * it, the feed is known to mislabel, and every GMT-labelled time in it is corrected.
 */
import { formatIsoSingapore, parseZaobaoTime, singaporeDay } from '../time/singapore.js';
import type { DiscoveredItem } from './types.js';

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;
/** Clock skew tolerated before a feed time counts as "in the future". */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;
const LABELLED_GMT = /(?:GMT|UTC|UT|Z|[+-]00:?00)$/i;

function evidenceOfMislabel(item: DiscoveredItem, now: number): string | undefined {
  const raw = item.publishedHint?.trim();
  if (!raw || !LABELLED_GMT.test(raw)) return undefined;
  const ms = parseZaobaoTime(raw);
  if (ms === undefined) return undefined;
  if (ms > now + FUTURE_TOLERANCE_MS) return `${item.url}: time ${raw} lies in the future`;
  if (singaporeDay(ms) !== item.story.day && singaporeDay(ms - EIGHT_HOURS_MS) === item.story.day) {
    return `${item.url}: time ${raw} is not on the story's day ${item.story.day}`;
  }
  return undefined;
}

/**
 * Rewrites the items' time hints in place when the feed mislabels Singapore time as GMT;
 * returns a sentence saying so, or undefined when the times were left alone.
 */
export function correctMislabelledTimes(items: DiscoveredItem[], now = Date.now()): string | undefined {
  const evidence = items.map((item) => evidenceOfMislabel(item, now)).find(Boolean);
  if (!evidence) return undefined;
  let corrected = 0;
  for (const item of items) {
    const raw = item.publishedHint?.trim();
    const ms = raw && LABELLED_GMT.test(raw) ? parseZaobaoTime(raw) : undefined;
    if (ms === undefined) continue;
    item.publishedHint = formatIsoSingapore(ms - EIGHT_HOURS_MS);
    corrected++;
  }
  return `Singapore times labelled GMT (${evidence}): ${corrected} item times moved back 8 hours`;
}
