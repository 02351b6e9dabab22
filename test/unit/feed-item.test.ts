import { describe, expect, it } from 'vitest';
import { correctMislabelledTimes } from '../../src/discover/feed-time.js';
import type { DiscoveredItem } from '../../src/discover/types.js';
import { articleFromFeedItem, isWholeArticle } from '../../src/extract/feed-item.js';

const NOW = Date.parse('2026-03-05T10:00:00Z'); // 18:00 in Singapore

const item = (day: string, publishedHint: string | undefined, feedHtml?: string): DiscoveredItem => {
  const id = `${day.replace(/-/g, '')}-1`;
  return { url: `https://www.zaobao.com.sg/realtime/world/story${id}`, story: { id: '1', slug: `story${id}`, day }, via: 'x', publishedHint, feedHtml };
};

describe("RSSHub's GMT-labelled Singapore times", () => {
  it('corrects every GMT time of a feed when one item lies in the future', () => {
    // 17:30 Singapore time labelled 17:30 GMT is 01:30 tomorrow in Singapore, after "now".
    const items = [item('2026-03-05', 'Thu, 05 Mar 2026 17:30:00 GMT'), item('2026-03-05', 'Thu, 05 Mar 2026 10:30:00 GMT')];
    expect(correctMislabelledTimes(items, NOW)).toMatch(/lies in the future.*2 item times moved back 8 hours/);
    expect(items.map((entry) => entry.publishedHint)).toEqual(['2026-03-05T17:30:00+08:00', '2026-03-05T10:30:00+08:00']);
  });

  it("corrects them when an item's Singapore day disagrees with its story id's day by the offset", () => {
    const items = [item('2021-10-01', 'Fri, 01 Oct 2021 21:30:00 GMT'), item('2021-10-02', 'Sat, 02 Oct 2021 09:15:00 GMT')];
    expect(correctMislabelledTimes(items, NOW)).toMatch(/not on the story's day 2021-10-01/);
    expect(items.map((entry) => entry.publishedHint)).toEqual(['2021-10-01T21:30:00+08:00', '2021-10-02T09:15:00+08:00']);
  });

  it('leaves times alone when nothing shows they are wrong, or when they carry a real offset', () => {
    const items = [item('2021-10-02', 'Sat, 02 Oct 2021 09:15:00 GMT'), item('2021-10-01', '2021-10-01T21:30:00+08:00'), item('2021-10-01', undefined)];
    expect(correctMislabelledTimes(items, NOW)).toBeUndefined();
    expect(items.map((entry) => entry.publishedHint)).toEqual(['Sat, 02 Oct 2021 09:15:00 GMT', '2021-10-01T21:30:00+08:00', undefined]);
  });
});

describe('whole articles versus teasers', () => {
  it.each([
    ['<p>一段。</p><p>两段。</p>', true],
    [`<p>${'长'.repeat(130)}</p>`, true],
    ['<p>只有一段摘要……</p>', false],
    ['<p>一段</p><p>&nbsp;</p>', false],
    [undefined, false],
  ])('%j → %s', (html, whole) => {
    expect(isWholeArticle(item('2026-03-05', undefined, html))).toBe(whole);
  });
});

describe('posts built from feed items', () => {
  it('take their section from the story\'s path, not from the feed they came through', () => {
    const story = { ...item('2026-03-05', undefined, '<p>第一段足够长的文字。</p><p>第二段。</p>'), title: '题', section: 'singapore' };
    expect(articleFromFeedItem(story)?.section).toBe('world');
    expect(articleFromFeedItem({ ...story, url: 'https://www.zaobao.com.sg/keywords/story20260305-1' })?.section).toBe('singapore');
  });
});

describe('feed item bodies', () => {
  it("lose the site's noise and every generation's, as page bodies do, and RSSHub's promo images", () => {
    const html =
      '<p>第一段足够长的文字。</p><div class="bff-google-ad">广告</div><section id="imu"><div id="dfp-ad-imu1"></div></section><p>第二段。</p>' +
      '<div class="bff-bottom-profile"><p>作者简介</p></div><p><img class="view-desktop" src="https://static.zaobao.com/promo.jpg"></p><div class="further-reading">延伸阅读</div>';
    const article = articleFromFeedItem({ ...item('2026-03-05', undefined, html), title: '题' });
    expect(article?.bodyHtml.replace(/>\s+</g, '><')).toBe('<p>第一段足够长的文字。</p><p>第二段。</p>');
  });
});
