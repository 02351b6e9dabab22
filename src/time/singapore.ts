/**
 * Zaobao times are Singapore times (UTC+8, no daylight saving since 1982). Times without
 * a zone are read as Singapore time; every time we write carries the +08:00 offset.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;

const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})$/i;
const UNZONED = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
/** Old zaobao.com.sg Drupal pages: `MM/DD/YYYY - HH:MM`. */
const US_STYLE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s*-?\s*(\d{1,2}):(\d{2}))?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
/** A feed's RFC 822 date with no zone, or Singapore's own (`26 Nov 2026 01:00:00 SGT`), its weekday already gone. */
const RFC822_LOCAL = /^(\d{1,2}) ([a-z]{3})[a-z]* (\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: SGT)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (value: number | string, width = 2) => String(value).padStart(width, '0');

function fromSingaporeParts(year: string, month: string, day: string, hour = '0', minute = '0', second = '0'): number | undefined {
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)) - OFFSET_MS;
  const check = new Date(ms + OFFSET_MS);
  // Reject impossible dates such as 2026-02-31 instead of rolling them over.
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return undefined;
  return ms;
}

/** Parses the time formats Zaobao pages and feeds use into epoch milliseconds. */
/** Labels before a time on old pages: `发布 / 2019年10月19日 7:33 PM`, `更新：…`. */
const LEADING_LABEL = /^[^\d]*?(?=\d)/;
/** A 12-hour clock: `7:33 PM`, `下午 7:33`. */
const MERIDIEM = /\s*(AM|PM|上午|下午)\s*/i;

/** Rewrites a 12-hour clock time to 24 hours so the patterns below can read it. */
function to24Hour(text: string): string {
  const meridiem = MERIDIEM.exec(text)?.[1];
  if (!meridiem) return text;
  const afternoon = /PM|下午/i.test(meridiem);
  return text.replace(MERIDIEM, ' ').trim().replace(/(\d{1,2}):(\d{2})(?!.*\d{1,2}:\d{2})/, (_, hour: string, minute: string) => {
    const value = (Number(hour) % 12) + (afternoon ? 12 : 0);
    return `${pad(value)}:${minute}`;
  });
}

export function parseZaobaoTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? (value > 1e12 ? value : value * 1000) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = to24Hour(value.trim().replace(LEADING_LABEL, '')).replace(/\s+/g, ' ');
  if (!text) return undefined;
  if (/^\d{9,13}$/.test(text)) return parseZaobaoTime(Number(text));
  const zoned = ZONED.exec(text);
  if (zoned) {
    const [, date, time, zone] = zoned as unknown as [string, string, string, string];
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const ms = Date.parse(`${date}T${time}${offset}`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const local = UNZONED.exec(text);
  if (local) return fromSingaporeParts(local[1]!, local[2]!, local[3]!, local[4], local[5], local[6]);
  const us = US_STYLE.exec(text);
  if (us) return fromSingaporeParts(us[3]!, us[1]!, us[2]!, us[4], us[5]);
  const chinese = CHINESE.exec(text);
  if (chinese) return fromSingaporeParts(chinese[1]!, chinese[2]!, chinese[3]!, chinese[4], chinese[5], chinese[6]);
  const rfc822 = RFC822_LOCAL.exec(text);
  const month = rfc822 ? MONTHS.indexOf(rfc822[2]!.toLowerCase()) + 1 : 0;
  if (rfc822 && month) return fromSingaporeParts(rfc822[3]!, String(month), rfc822[1]!, rfc822[4], rfc822[5], rfc822[6]);
  // RFC 822 / RFC 3339 variants from feeds; Date.parse reads those with an explicit zone,
  // RFC 822's named ones included (not CST: a Chinese feed means +0800 by it, RFC 822 -0600).
  if (/(?:GMT|UTC|UT|Z|[+-]\d{2}:?\d{2}|[EMP][SD]T)$/i.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

function singaporeParts(ms: number) {
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + OFFSET_MS);
  return {
    day: `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`,
  };
}

/** `2026-08-08T10:30:00+08:00` */
export function formatIsoSingapore(ms: number): string {
  const { day, time } = singaporeParts(ms);
  return `${day}T${time}+08:00`;
}

/** Jekyll's own date format: `2026-08-08 10:30:00 +0800`. */
export function formatJekyllDate(ms: number): string {
  const { day, time } = singaporeParts(ms);
  return `${day} ${time} +0800`;
}

/** Midnight of the site's first day online (1995), Singapore time: no story is older. */
const FIRST_PUBLISH_MS = Date.UTC(1995, 0, 1) - OFFSET_MS;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A publish time the site can have given: from its first year to a day after now. Any other
 * (year 1, year 10000, a broken counter) is no time, and must not name a post.
 */
export function isPlausiblePublishTime(ms: number, now = Date.now()): boolean {
  return Number.isFinite(ms) && ms >= FIRST_PUBLISH_MS && ms <= now + DAY_MS;
}

/**
 * How far before the day its id carries a story's time may be: a few days for a time given in
 * UTC or corrected by the site. An earlier one is not this story's time, and must not name its
 * post: the post index opens posts with other names only from this far before the stories it
 * looks for (pipeline/fetch-run.ts).
 */
const STORY_DAY_MARGIN_DAYS = 7;

/** The first Singapore day a story whose id carries `storyDay` (`2026-08-08`) may be dated; '' (any day) for one that is no day. */
export function earliestStoryDay(storyDay: string): string {
  const day = Date.parse(`${storyDay}T00:00:00Z`);
  return Number.isFinite(day) ? new Date(day - STORY_DAY_MARGIN_DAYS * DAY_MS).toISOString().slice(0, 10) : '';
}

/** A plausible publish time that is also possible for a story whose id carries `storyDay`. */
export function isPlausibleStoryTime(ms: number, storyDay: string | undefined, now = Date.now()): boolean {
  if (!isPlausiblePublishTime(ms, now)) return false;
  return storyDay === undefined || singaporeDay(ms) >= earliestStoryDay(storyDay);
}

/** The Singapore calendar day, `2026-08-08`. */
export function singaporeDay(ms: number): string {
  return singaporeParts(ms).day;
}
