import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/discover/feed.js';
import { parseListing } from '../../src/discover/listing.js';
import { mergeItems } from '../../src/discover/normalize.js';
import { parseMonthlySitemap, parseSitemapIndex } from '../../src/discover/sitemap.js';
import { itemInWindow } from '../../src/discover/window.js';
import { findSection } from '../../src/site/sections.js';
import { formatIsoSingapore, parseZaobaoTime } from '../../src/time/singapore.js';
import { fixture } from '../helpers/site-server.js';

/** A feed shaped like Zaobao's and RSSHub's (RSS 2.0, two items). */
const SAMPLE_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>即时 中国</title><link>https://www.zaobao.com.sg/realtime/china</link><description>联合早报</description>
${['1', '2']
  .map(
    (n) => `<item><title>标题 ${n} &amp; “引号”</title><link>https://www.zaobao.com.sg/realtime/china/story20260101-${n}</link>
<guid isPermaLink="false">story20260101-${n}</guid><pubDate>Thu, 01 Jan 2026 08:0${n}:00 +0800</pubDate><dc:creator>记者</dc:creator>
<category>中国</category><description><![CDATA[<p>摘要</p>]]></description><content:encoded><![CDATA[<p>正文 ${n}</p>]]></content:encoded></item>`,
  )
  .join('\n')}
</channel></rss>`;

const FEED_URL = 'https://rsshub.example/zaobao/realtime/china';

describe('feed discovery', () => {
  it('normalises every item to its canonical URL and story id, and names the links it skips', async () => {
    const { items, skippedLinks } = await parseFeed(fixture('feeds/rsshub-mixed.xml'), FEED_URL, undefined);
    expect(items[0]).toMatchObject({
      url: 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001',
      story: { id: '9500001', day: '2026-03-01' },
      title: '金管局维持货币政策不变 "新元"走强: 分析',
      tags: ['新加坡'],
    });
    expect(items[0]!.feedHtml).toContain('<p>新加坡金融管理局');
    expect(skippedLinks).toEqual(['not a Zaobao host: https://example.org/news/story20260101-1234567']);
    // The same story on two editions is one article.
    expect(mergeItems(items).map((item) => item.story.id)).toEqual(['9500001', '9500006', '1400002', '4500003', '1000004', '9000005']);
  });

  it("gives a mirror's article links their public address", async () => {
    const mirror = new URL('http://127.0.0.1:8080');
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>相对</title><link>/news/finance/story20240220-4700001</link></item>
      <item><title>绝对</title><link>http://127.0.0.1:8080/realtime/china/story20240220-4700002?ref=rss</link></item></channel></rss>`;
    const { items } = await parseFeed(feed, 'http://127.0.0.1:8080/feed.xml', mirror);
    expect(items.map((item) => item.url)).toEqual([
      'https://www.zaobao.com.sg/news/finance/story20240220-4700001',
      'https://www.zaobao.com.sg/realtime/china/story20240220-4700002',
    ]);
  });

  it('takes off the prefix of a mirror that serves the site under a path', async () => {
    const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>前缀</title><link>http://mirror.example/zaobao/news/china/story20240220-4700002</link></item></channel></rss>`;
    const { items } = await parseFeed(feed, 'http://mirror.example/zaobao/feed.xml', new URL('http://mirror.example/zaobao/'));
    expect(items.map((item) => item.url)).toEqual(['https://www.zaobao.com.sg/news/china/story20240220-4700002']);
  });

  it('finds the article in the guid or the Atom id when the link is empty or elsewhere', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>空链接</title><link></link><guid>https://www.zaobao.com.sg/news/china/story20261120-9900001</guid></item>
      <item><title>栏目链接</title><link>https://www.zaobao.com.sg/news/china</link><guid isPermaLink="true">https://www.zaobao.com.sg/news/china/story20261120-9900002</guid></item>
      <item><title>无处</title><link>https://www.zaobao.com.sg/news/china</link></item>
      <item><title>无地址</title><link></link><guid isPermaLink="false">story20261120-9900003</guid></item></channel></rss>`;
    const fromRss = await parseFeed(rss, FEED_URL, undefined);
    expect(fromRss.items.map((item) => item.story.id)).toEqual(['9900001', '9900002']);
    expect(fromRss.skippedLinks).toEqual(['not an article link: https://www.zaobao.com.sg/news/china']);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>只有 id</title><id>https://www.zaobao.com/realtime/world/story20211105-1210001</id><updated>2021-11-05T01:12:45Z</updated></entry></feed>`;
    expect((await parseFeed(atom, FEED_URL, undefined)).items.map((item) => item.story.id)).toEqual(['1210001']);
  });

  it('reads a feed\'s times as written: no zone is Singapore time, and a correct zone is never shifted', async () => {
    const now = Date.parse('2026-11-26T12:00:00+08:00');
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title>
      <item><title>a</title><link>https://www.zaobao.com.sg/news/china/story20261126-9900011</link><pubDate>Thu, 26 Nov 2026 11:00:00 +0800</pubDate></item>
      <item><title>b</title><link>https://www.zaobao.com.sg/news/china/story20261126-9900012</link><pubDate>2026-11-26 11:30:00</pubDate></item>
      <item><title>c</title><link>https://www.zaobao.com.sg/news/china/story20261126-9900013</link><pubDate>Thu, 26 Nov 2026 10:00:00</pubDate></item>
      <item><title>d</title><link>https://www.zaobao.com.sg/news/china/story20261125-9900014</link><pubDate>Thu, 26 Nov 2026 00:30:00 +0800</pubDate></item>
      <item><title>e</title><link>https://www.zaobao.com.sg/news/china/story20261126-9900015</link><dc:date>2026-11-26T09:00:00</dc:date></item></channel></rss>`;
    const fromRss = await parseFeed(rss, FEED_URL, undefined, now);
    expect(fromRss.notes).toEqual([]);
    expect(fromRss.items.map((item) => formatIsoSingapore(parseZaobaoTime(item.publishedHint)!))).toEqual([
      '2026-11-26T11:00:00+08:00', '2026-11-26T11:30:00+08:00', '2026-11-26T10:00:00+08:00', '2026-11-26T00:30:00+08:00', '2026-11-26T09:00:00+08:00',
    ]);
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>f</title><link href="https://www.zaobao.com/realtime/world/story20261126-9900016"/><published>2026-11-26T08:00:00</published></entry></feed>`;
    const fromAtom = await parseFeed(atom, FEED_URL, undefined, now);
    expect(formatIsoSingapore(parseZaobaoTime(fromAtom.items[0]!.publishedHint)!)).toBe('2026-11-26T08:00:00+08:00');
  });

  it('resolves a feed\'s relative links against its channel, not the third party that serves it', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://www.zaobao.com.sg/realtime/china</link>
      <item><title>相对</title><link>/realtime/china/story20261126-9900021</link></item></channel></rss>`;
    const { items, skippedLinks } = await parseFeed(rss, 'https://feeds.example.org/zaobao.xml', undefined);
    expect(skippedLinks).toEqual([]);
    expect(items.map((item) => item.url)).toEqual(['https://www.zaobao.com.sg/realtime/china/story20261126-9900021']);
  });

  it('reads an Atom feed whose entry gives a date rss-parser cannot read, with that date as written', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>中文日期</title><link href="https://www.zaobao.com/realtime/world/story20261126-9900031"/><published>2026年11月26日 10:00</published></entry>
      <entry><title>ISO</title><link href="https://www.zaobao.com/realtime/world/story20261126-9900032"/><published>2026-11-26T09:00:00+08:00</published></entry></feed>`;
    const { items } = await parseFeed(atom, FEED_URL, undefined, Date.parse('2026-11-26T12:00:00+08:00'));
    expect(items.map((item) => [item.title, formatIsoSingapore(parseZaobaoTime(item.publishedHint)!)])).toEqual([
      ['中文日期', '2026-11-26T10:00:00+08:00'],
      ['ISO', '2026-11-26T09:00:00+08:00'],
    ]);
  });

  it('reads Atom feeds too', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><title>标题</title><link href="https://www.zaobao.com/realtime/world/story20211105-1210001"/><updated>2021-11-05T01:12:45Z</updated></entry></feed>`;
    const { items } = await parseFeed(atom, FEED_URL, undefined);
    expect(items).toMatchObject([{ url: 'https://www.zaobao.com/realtime/world/story20211105-1210001', title: '标题' }]);
  });

  it('reads a Zaobao-shaped RSS 2.0 feed whole: titles, ids, tags, authors and content', async () => {
    const { items, skippedLinks } = await parseFeed(SAMPLE_FEED, FEED_URL, undefined);
    expect(skippedLinks).toEqual([]);
    expect(items).toMatchObject([
      { story: { id: '1' }, title: '标题 1 & “引号”', tags: ['中国'], author: '记者', feedHtml: '<p>正文 1</p>' },
      { story: { id: '2' }, title: '标题 2 & “引号”', tags: ['中国'], author: '记者', feedHtml: '<p>正文 2</p>' },
    ]);
  });

  it.each([
    ['<!DOCTYPE html><html><body>首页</body></html>', /HTML page instead of a feed/],
    ['{"items": []}', /did not return XML/],
    ['<?xml version="1.0"?><rss><channel><item><title>broken', /not valid RSS\/Atom/],
  ])('rejects what is not a feed with a clear reason', async (text, reason) => {
    await expect(parseFeed(text, FEED_URL, undefined)).rejects.toThrow(reason);
  });
});

describe('listing discovery', () => {
  it('takes the known article cards, resolves relative links against the public page', () => {
    const { items } = parseListing(fixture('listings/sg-news-china.html'), 'https://www.zaobao.com.sg/news/china', undefined, ['/news/china', '/realtime/china']);
    expect(mergeItems(items).map((item) => item.url)).toEqual([
      'https://www.zaobao.com.sg/realtime/china/story20240220-4500003',
      'https://www.zaobao.com/realtime/china/story20230514-1400002',
    ]);
  });

  it('takes story links of a card shape it does not know too, after the known cards, and warns of no keyword link', () => {
    const html = `<div class="news-feature-card"><h2>特写</h2><a href="/news/china/story20261126-9700001">特写标题</a><a href="/keywords/中美">中美</a></div>
      <a class="news-feature-card" href="/news/china/story20261126-9700002"><h2>卡片本身是链接</h2></a>
      <section class="new-layout"><a href="/news/china/story20261126-9700003" title="新版式">新版式</a><a href="/news/china/story20261126-9700001">重复</a></section>`;
    const { items, skippedLinks } = parseListing(html, 'https://www.zaobao.com.sg/news/china', undefined, ['/news/china']);
    expect(items.map((item) => [item.story.id, item.title])).toEqual([
      ['9700001', '特写标题'],
      ['9700002', '卡片本身是链接'],
      ['9700003', '新版式'],
    ]);
    expect(skippedLinks).toEqual([]);
  });

  it('reads the zaobao.com realtime list layout', () => {
    const html = `<div data-testid="article-list"><article><a class="article-link" href="/realtime/china/story20240101-4400001" title="完整标题1">标题1</a></article></div>`;
    const { items } = parseListing(html, 'https://www.zaobao.com/realtime/china', undefined, ['/realtime/china']);
    expect(items).toMatchObject([{ url: 'https://www.zaobao.com/realtime/china/story20240101-4400001', title: '完整标题1' }]);
  });

  it('reads the 2025–26 recommended list, and realtime cards that are links themselves', () => {
    const html = `<div class="news-feature-card"><a href="/news/china/story20261120-9940001"><h2>特写</h2></a></div>
      <ul class="homepage-today-recommended-3-col-layout"><li><a href="/news/china/story20261120-9940003">推荐</a></li></ul>
      <a data-testid="test-realtime-article-card-1" href="/realtime/china/story20261120-9940005">即时</a>`;
    const { items } = parseListing(html, 'https://www.zaobao.com.sg/news/china', undefined, ['/news/china', '/realtime/china']);
    expect(items.map((item) => item.story.id)).toEqual(['9940001', '9940003', '9940005']);
  });

  it('falls back to story links under the section path when no known card matches', () => {
    const html = `<a href="/news/china/story20260101-1">中国</a><a href="/news/world/story20260101-2">国际</a><a href="/about">关于</a>`;
    const { items } = parseListing(html, 'https://www.zaobao.com.sg/news/china', undefined, ['/news/china']);
    expect(items.map((item) => item.story.id)).toEqual(['1']);
  });
});

describe('monthly sitemaps', () => {
  it('reads <loc> in CDATA or with entities, and entries in any order of their children', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc><![CDATA[ https://www.zaobao.com.sg/news/china/story20260808-9480002?ref=x ]]></loc></url>
      <url><lastmod>2026-08-08T02:30:00Z</lastmod><loc>https://www.zaobao.com.sg/news/china/story20260808-9480003?a=1&amp;b=2</loc></url>
      <url><loc>https://www.zaobao.com.sg/news/world/story20260808-9480004</loc></url></urlset>`;
    const scope = { sections: [findSection('china')!], window: { fromDay: '2026-08-01', toDay: '2026-08-31' } };
    expect(parseMonthlySitemap(xml, 'https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml', scope).map((item) => item.url)).toEqual([
      'https://www.zaobao.com.sg/news/china/story20260808-9480002',
      'https://www.zaobao.com.sg/news/china/story20260808-9480003',
    ]);
  });

  it('reads only the direct children of an entry (not an image extension\'s <loc>)', () => {
    const xml = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.zaobao.com.sg/news/china/story20260808-9480001</loc><image><loc>https://static.zaobao.com/a.jpg</loc></image></url></urlset>`;
    const scope = { sections: [findSection('china')!], window: { fromDay: '2026-08-01', toDay: '2026-08-31' } };
    expect(parseMonthlySitemap(xml, 'https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml', scope).map((item) => item.url)).toEqual([
      'https://www.zaobao.com.sg/news/china/story20260808-9480001',
    ]);
  });

  // A --since run reaches back through the month's sitemap: stories last changed before the
  // window need not be fetched to find that out (every cron run would fetch them again).
  it('a --since window drops sitemap stories whose lastmod time is before it, and keeps those with a day alone', () => {
    const month = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.zaobao.com.sg/news/china/story20261126-9480001</loc><lastmod>2026-11-26T08:00:00+08:00</lastmod></url>
      <url><loc>https://www.zaobao.com.sg/news/china/story20261126-9480002</loc><lastmod>2026-11-26T11:50:00+08:00</lastmod></url>
      <url><loc>https://www.zaobao.com.sg/news/china/story20261126-9480003</loc><lastmod>2026-11-26</lastmod></url>
      <url><loc>https://www.zaobao.com.sg/news/china/story20261126-9480004</loc></url>
      <url><loc>https://www.zaobao.com.sg/news/china/story20261126-9480005</loc><lastmod>2026-11-26T00:00:00+08:00</lastmod></url></urlset>`;
    const window = { sinceMs: Date.parse('2026-11-26T10:30:00+08:00') };
    const items = parseMonthlySitemap(month, 'https://www.zaobao.com.sg/sitemaps/sitemap-202611.xml', { sections: [findSection('china')!], window });
    // A midnight lastmod is a day written with a time: it bounds nothing either.
    expect(items.filter((item) => itemInWindow(item, window)).map((item) => item.story.id)).toEqual(['9480002', '9480003', '9480004', '9480005']);
    // A publish time from another source wins over the sitemap's bound.
    const merged = mergeItems([{ ...items[0]!, publishedHint: '2026-11-26 11:00', via: 'feed' }, items[0]!]);
    expect(itemInWindow(merged[0]!, window)).toBe(true);
  });

  it('reads sitemaps whose tags carry a namespace prefix', () => {
    const index = `<?xml version="1.0"?><sm:sitemapindex xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:sitemap><sm:loc>https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml</sm:loc></sm:sitemap></sm:sitemapindex>`;
    expect(parseSitemapIndex(index)).toEqual(['https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml']);
    const month = `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sm:url><sm:loc>https://www.zaobao.com.sg/news/china/story20260808-9480001</sm:loc></sm:url></sm:urlset>`;
    const scope = { sections: [findSection('china')!], window: { fromDay: '2026-08-01', toDay: '2026-08-31' } };
    expect(parseMonthlySitemap(month, 'https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml', scope).map((item) => item.url)).toEqual([
      'https://www.zaobao.com.sg/news/china/story20260808-9480001',
    ]);
  });

  it('reads the index\'s own <loc>s, not an extension\'s, and refuses a page that is not a sitemap', () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc> https://www.zaobao.com.sg/sitemaps/sitemap-202607.xml </loc><lastmod>2026-08-01</lastmod><x:mirror><x:loc>https://elsewhere.example/a.xml</x:loc></x:mirror></sitemap>
      <sitemap><loc></loc></sitemap>
      <sitemap><loc>https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml</loc></sitemap></sitemapindex>`;
    expect(parseSitemapIndex(index)).toEqual([
      'https://www.zaobao.com.sg/sitemaps/sitemap-202607.xml',
      'https://www.zaobao.com.sg/sitemaps/sitemap-202608.xml',
    ]);
    expect(() => parseSitemapIndex('<!doctype html><html><body>Just a moment…</body></html>')).toThrow(/did not return a sitemap/);
  });
});
