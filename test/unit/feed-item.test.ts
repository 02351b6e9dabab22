import { describe, expect, it } from 'vitest';
import { correctFeedTime, isWholeArticle } from '../../src/extract/feed-item.js';
import { formatIsoSingapore } from '../../src/time/singapore.js';
import type { DiscoveredItem } from '../../src/discover/types.js';

const NOW = Date.parse('2026-03-05T10:00:00Z'); // 18:00 in Singapore
const iso = (result: ReturnType<typeof correctFeedTime>) => (result ? formatIsoSingapore(result.ms) : undefined);

describe("RSSHub's GMT-labelled Singapore times", () => {
  it('corrects a time that lies in the future', () => {
    // Published 17:30 Singapore time, labelled 17:30 GMT: that is 01:30 tomorrow in Singapore, after "now".
    const result = correctFeedTime('Thu, 05 Mar 2026 17:30:00 GMT', '2026-03-05', NOW);
    expect(iso(result)).toBe('2026-03-05T17:30:00+08:00');
    expect(result?.correction).toMatch(/future/);
  });

  it("corrects a time whose Singapore day disagrees with the story id's day by the offset", () => {
    const result = correctFeedTime('Fri, 01 Oct 2021 21:30:00 GMT', '2021-10-01', NOW);
    expect(iso(result)).toBe('2021-10-01T21:30:00+08:00');
  });

  it('leaves a time alone when nothing shows it is wrong', () => {
    expect(correctFeedTime('Sat, 02 Oct 2021 09:15:00 GMT', '2021-10-02', NOW)).toEqual({ ms: Date.parse('2021-10-02T09:15:00Z') });
    expect(correctFeedTime('2021-10-02T09:15:00+08:00', '2021-10-02', NOW)?.correction).toBeUndefined();
    expect(correctFeedTime(undefined, '2021-10-02', NOW)).toBeUndefined();
  });
});

describe('whole articles versus teasers', () => {
  const item = (feedHtml: string | undefined): DiscoveredItem => ({
    url: 'https://www.zaobao.com.sg/realtime/world/story20260305-1', story: { id: '1', slug: 'story20260305-1', day: '2026-03-05' }, via: 'x', feedHtml,
  });
  it.each([
    ['<p>一段。</p><p>两段。</p>', true],
    [`<p>${'长'.repeat(130)}</p>`, true],
    ['<p>只有一段摘要……</p>', false],
    ['<p>一段</p><p>&nbsp;</p>', false],
    [undefined, false],
  ])('%j → %s', (html, whole) => {
    expect(isWholeArticle(item(html))).toBe(whole);
  });
});
