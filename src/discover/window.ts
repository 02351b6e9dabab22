/**
 * The date window of a run: `--from`/`--to` are inclusive Singapore days, `--since` an
 * instant. Items are kept or dropped by the day in their story id before anything is fetched.
 */
import { parseZaobaoTime, singaporeDay } from '../time/singapore.js';
import type { DiscoveredItem } from './types.js';

export interface DateWindow {
  /** First Singapore day (inclusive), `YYYY-MM-DD`. */
  fromDay?: string;
  /** Last Singapore day (inclusive). */
  toDay?: string;
  /** Earliest instant (epoch ms), from --since. */
  sinceMs?: number;
}

/** The first day the window reaches back to, if it has a lower bound. */
export function windowStartDay(window: DateWindow): string | undefined {
  const days = [window.fromDay, window.sinceMs === undefined ? undefined : singaporeDay(window.sinceMs)].filter(Boolean) as string[];
  return days.sort().at(-1);
}

export function dayInWindow(day: string, window: DateWindow): boolean {
  const start = windowStartDay(window);
  if (start && day < start) return false;
  return !(window.toDay && day > window.toDay);
}

/** Whether an instant is inside the window (the publish time an article page gives). */
export function instantInWindow(ms: number, window: DateWindow): boolean {
  if (window.sinceMs !== undefined && ms < window.sinceMs) return false;
  return dayInWindow(singaporeDay(ms), window);
}

/**
 * By the story id's day; in a --since run, also by the source's publish time when it gives
 * one, else by its last change (published no later).
 */
export function itemInWindow(item: DiscoveredItem, window: DateWindow): boolean {
  if (!dayInWindow(item.story.day, window)) return false;
  const hint = parseZaobaoTime(item.publishedHint) ?? parseZaobaoTime(item.modifiedHint);
  return window.sinceMs === undefined || hint === undefined || hint >= window.sinceMs;
}

/** `YYYYMM` of every month from the window's first day to its last (or to `today`). */
export function windowMonths(window: DateWindow, today: string): string[] {
  const start = windowStartDay(window);
  if (!start) return [];
  const end = window.toDay && window.toDay < today ? window.toDay : today;
  const months: string[] = [];
  let [year, month] = start.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = end.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}${String(month).padStart(2, '0')}`);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return months;
}
