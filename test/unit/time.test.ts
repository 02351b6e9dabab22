import { describe, expect, it } from 'vitest';
import { formatIsoSingapore, formatJekyllDate, earliestStoryDay, isPlausiblePublishTime, isPlausibleStoryTime, parseZaobaoTime, singaporeDay } from '../../src/time/singapore.js';

const iso = (value: unknown) => {
  const ms = parseZaobaoTime(value);
  return ms === undefined ? undefined : formatIsoSingapore(ms);
};

describe('Zaobao times', () => {
  it.each([
    ['2021-11-05T09:12:45+08:00', '2021-11-05T09:12:45+08:00'],
    ['2026-08-08T02:30:00.000Z', '2026-08-08T10:30:00+08:00'], // ld+json on zaobao.com.sg is UTC
    ['2021-11-05 09:12:45', '2021-11-05T09:12:45+08:00'], // no zone: Singapore time
    ['2021-11-05 09:12', '2021-11-05T09:12:00+08:00'],
    ['06/11/2019 - 21:40', '2019-06-11T21:40:00+08:00'], // old Drupal pages
    ['2021年11月5日 09:12', '2021-11-05T09:12:00+08:00'],
    ['Sat, 08 Aug 2026 10:30:00 +0800', '2026-08-08T10:30:00+08:00'],
    ['2026-08-08 10:30:00 +0800', '2026-08-08T10:30:00+08:00'],
    ['Sat, 08 Aug 2026 10:30:00', '2026-08-08T10:30:00+08:00'], // a feed's RFC 822 date with no zone: Singapore time
    ['8 August 2026 10:30 SGT', '2026-08-08T10:30:00+08:00'],
    ['Fri, 07 Aug 2026 21:30:00 EST', '2026-08-08T10:30:00+08:00'], // RFC 822's named zones
    ['Sat, 08 Aug 2026 02:30:00 UT', '2026-08-08T10:30:00+08:00'],
    [1786156200, '2026-08-08T10:30:00+08:00'], // hydration create_time, Unix seconds
    ['1786156200', '2026-08-08T10:30:00+08:00'],
    [1786156200000, '2026-08-08T10:30:00+08:00'],
  ])('%j → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });

  it.each([[''], ['yesterday'], ['2026-02-31 10:00'], ['13/45/2020 - 10:00'], [undefined], [null], [-5]])('rejects %j', (input) => {
    expect(parseZaobaoTime(input)).toBeUndefined();
  });

  it('puts a story published at 00:15 Singapore time on that Singapore day', () => {
    const ms = parseZaobaoTime('2023-05-13T16:15:00Z')!;
    expect(singaporeDay(ms)).toBe('2023-05-14');
    expect(formatJekyllDate(ms)).toBe('2023-05-14 00:15:00 +0800');
  });
});

describe('times on old pages', () => {
  it.each([
    ['发布 / 2019年10月19日 7:33 PM', '2019-10-19T19:33:00+08:00'],
    ['08/08/2019 - 10:46 PM', '2019-08-08T22:46:00+08:00'],
    ['2019年10月19日 下午7:33', '2019-10-19T19:33:00+08:00'],
    ['2019年10月19日 12:05 AM', '2019-10-19T00:05:00+08:00'],
    ['更新：2021-11-05 09:12', '2021-11-05T09:12:00+08:00'],
  ])('%j → %s', (input, expected) => {
    expect(iso(input)).toBe(expected);
  });
});

describe('plausible publish times', () => {
  const now = Date.parse('2026-12-07T12:00:00+08:00');
  it.each([
    ['1995-01-01T00:00:00+08:00', true],
    ['1994-12-31T23:59:59+08:00', false],
    ['2026-12-08T11:59:00+08:00', true],
    ['2026-12-08T12:01:00+08:00', false],
    ['0001-01-01T00:00:00Z', false],
  ])('%s: %s', (time, expected) => {
    expect(isPlausiblePublishTime(Date.parse(time), now)).toBe(expected);
  });

  it('holds no number that is not a time', () => {
    expect(isPlausiblePublishTime(Number.NaN, now)).toBe(false);
    expect(isPlausiblePublishTime(253402300800 * 1000, now)).toBe(false);
  });

  it.each([
    ['2026-03-03T00:00:00+08:00', true],
    ['2026-03-02T23:59:59+08:00', false],
    ['2026-03-20T08:00:00+08:00', true],
  ])('for a story of 2026-03-10, %s: %s (a week before its day at the most)', (time, expected) => {
    expect(isPlausibleStoryTime(Date.parse(time), '2026-03-10', now)).toBe(expected);
    expect(isPlausibleStoryTime(Date.parse(time), undefined, now)).toBe(true);
  });

  it('counts the week back across months and years', () => {
    expect(earliestStoryDay('2026-03-03')).toBe('2026-02-24');
    expect(earliestStoryDay('2026-01-05')).toBe('2025-12-29');
    expect(earliestStoryDay('not a day')).toBe('');
  });
});
