/**
 * Extraction across generations: ld+json reading, canonical URLs, times, paywall markers and
 * the generic fallback's messages. Each generation's own cases are in its folder's test
 * (src/extract/generations/<name>/<name>.test.ts).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { parsePage } from '../../src/extract/page.js';
import type { Page } from '../../src/extract/types.js';
import { selectFirst } from '../../src/html/parse.js';
import { formatIsoSingapore } from '../../src/time/singapore.js';
import { DEFAULT_POST_OPTIONS } from '../../src/cli/settings.js';
import { renderPost } from '../../src/write/post.js';
import { ASTRO_STORY_URL as url, astroStory as astro } from '../helpers/astro-story.js';
import { checkPage, loadSuite } from '../helpers/expected-pages.js';

const sharedCorpus = fileURLToPath(new URL('../../../shared/corpus/samples', import.meta.url));
describe.skipIf(!existsSync(`${sharedCorpus}/expected.json`))('extraction of the shared corpus samples', () => {
  it.each(existsSync(`${sharedCorpus}/expected.json`) ? loadSuite(sharedCorpus) : [])('%s', (file, expectation, html) =>
    checkPage(file, expectation, html),
  );
});

describe('extraction details', () => {
  it('keeps the requested URL when the page points its canonical at another story or the home page', () => {
    const html = `<html><head><meta property="og:url" content="https://www.zaobao.com.sg/news/china/story20200101-1">
      <meta property="og:title" content="标题"><meta property="article:published_time" content="2020-01-02T10:00:00+08:00"></head>
      <body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p><p>第二段同样提供足够的文字。</p></div></body></html>`;
    const article = extractArticle(html, 'https://www.zaobao.com.sg/news/china/story20200102-2');
    expect(article.url).toBe('https://www.zaobao.com.sg/news/china/story20200102-2');
    expect(article.generation).toBe('generic');
  });

  it('falls back to the story id day when a page carries no time at all', () => {
    const html = `<html><head><title>无时间的文章 | 联合早报</title></head><body><div><p>正文第一段有足够多的文字让提取器识别它为正文，这里再多写几个字。</p><p>第二段也写上一些内容。</p></div></body></html>`;
    const article = extractArticle(html, 'https://www.zaobao.com.sg/news/world/story20210304-77');
    expect(formatIsoSingapore(article.published)).toBe('2021-03-04T00:00:00+08:00');
    expect(article.title).toBe('无时间的文章');
  });

  it('says why a page is not an article', () => {
    expect(() => extractArticle('<html><body><nav>菜单</nav></body></html>', 'https://www.zaobao.com.sg/')).toThrow(/no title|no article body/);
  });
});

describe('real-page quirks', () => {
  it('never takes an organization (of any kind) for a byline', () => {
    const html = `<html><head><meta property="og:title" content="题"><script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle', headline: '题', datePublished: '2024-01-13T21:40:00+08:00',
      author: [{ '@type': 'NewsMediaOrganization', name: '联合早报网' }, { '@type': 'Person', name: '文静' }],
    })}</script></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    expect(extractArticle(html, url).authors).toEqual(['文静']);
  });

  it('decodes entities left in JSON titles', () => {
    expect(extractArticle(astro({ headline: '美国&amp;中国 &quot;对话&quot;' }), url).title).toBe('美国&中国 "对话"');
  });

  it('says when the time came from the story id', () => {
    const html = `<html><head><meta property="og:title" content="题"></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    expect(extractArticle(html, url).warnings).toEqual(['no publish time on the page: dated 2024-01-13 00:00 from the story id']);
  });

  it('does not repeat a lead image the body already shows, even with & in its URL', () => {
    const image = 'https://cassette.sphdigital.com.sg/image/zaobao/1?w=1&h=2';
    const html = astro({}, `<p>正文第一段，足够长的文字内容。</p><figure><img src="${image.replace('&', '&amp;')}"><figcaption>说明</figcaption></figure>`,
      `<meta property="og:image" content="${image.replace('&', '&amp;')}">`);
    const page = html.replace('<div class="byline">', `<div data-testid="article-banner"><img src="${image.replace('&', '&amp;')}" title="说明"></div><div class="byline">`);
    const post = renderPost(extractArticle(page, url), DEFAULT_POST_OPTIONS).content;
    expect(post.split(image).length - 1).toBe(2); // front matter image: and the body's figure
  });

  it('fills the excerpt from the ld+json description', () => {
    expect(extractArticle(astro({ description: '一句话摘要。' }), url).summary).toBe('一句话摘要。');
  });

  it.each([
    ['a trailing comma', (json: string) => json.replace(/\}$/, ',}')],
    ['a raw line break in a string', (json: string) => json.replace('标题', '标\n题')],
  ])('reads the date and tags of an ld+json block with %s', (_, breakJson) => {
    const html = astro({ keywords: '中国,贸易' }).replace(/(<script type="application\/ld\+json">)(.*?)(<\/script>)/s, (__, open: string, json: string, close: string) => open + breakJson(json) + close);
    expect(() => JSON.parse(/ld\+json">(.*?)<\/script>/s.exec(html)![1]!)).toThrow();
    const article = extractArticle(html, url);
    expect(formatIsoSingapore(article.published)).toBe('2024-01-13T21:40:00+08:00');
    expect(article.tags).toEqual(['中国', '贸易']);
    expect(article.warnings).toEqual([]);
  });

  it("takes no date or byline from an ld+json article about another story", () => {
    const other = JSON.stringify({ '@type': 'NewsArticle', headline: '别的', datePublished: '2020-02-02T08:00:00+08:00', url: 'https://www.zaobao.com/realtime/world/story20200202-1111111', author: { '@type': 'Person', name: '别人' } });
    const html = astro({ url }).replace('<head>', `<head><script type="application/ld+json">${other}</script>`).replace(/<div class="byline">.*?<\/div>/g, '');
    const article = extractArticle(html, url);
    expect(formatIsoSingapore(article.published)).toBe('2024-01-13T21:40:00+08:00');
    expect(article.authors).toEqual([]);
  });

  it('reads every kind of NewsArticle in ld+json', () => {
    const article = extractArticle(astro({ '@type': 'ReportageNewsArticle', keywords: '特写' }), url);
    expect(formatIsoSingapore(article.published)).toBe('2024-01-13T21:40:00+08:00');
    expect(article.tags).toEqual(['特写']);
  });

  it('reads an ld+json Person named surname first, with a comma, as one author', () => {
    const noByline = astro({ author: { '@type': 'Person', name: 'Tan, Wee Leng' } }).replace('<div class="byline">郭玉洁 | 记者</div>', '');
    expect(extractArticle(noByline, url).authors).toEqual(['Tan Wee Leng']);
  });

  it('reads ld+json authors given as strings, by @id reference, or with their role', () => {
    const noByline = (ld: Record<string, unknown>, extra = '') => astro(ld, undefined, extra).replace('<div class="byline">郭玉洁 | 记者</div>', '');
    expect(extractArticle(noByline({ author: '郭玉洁' }), url).authors).toEqual(['郭玉洁']);
    expect(extractArticle(noByline({ author: ['郭玉洁', '王一'] }), url).authors).toEqual(['郭玉洁', '王一']);
    expect(extractArticle(noByline({ author: { '@type': 'Person', name: '陈可欣 | 记者' } }), url).authors).toEqual(['陈可欣']);
    expect(extractArticle(noByline({ author: { '@type': 'Person', name: 'Goh Yu Jie &amp; Wang Yi' } }), url).authors).toEqual(['Goh Yu Jie', 'Wang Yi']);
    const graph = `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'NewsArticle', headline: '标题', datePublished: '2024-01-13T21:40:00+08:00', author: [{ '@id': 'https://www.zaobao.com/#/schema/person/1' }] },
        { '@type': 'Person', '@id': 'https://www.zaobao.com/#/schema/person/1', name: '陈可欣' },
      ],
    })}</script>`;
    const html = noByline({ headline: '旧' }).replace(/<script type="application\/ld\+json">.*?<\/script>/, graph);
    expect(extractArticle(html, url).authors).toEqual(['陈可欣']);
  });

  it('reads an ld+json block that ends like a statement (`{…};`)', () => {
    const html = astro({}).replace(/(<script type="application\/ld\+json">)(.*?)(<\/script>)/, (_, open, json, close) => `${open}${json.replace('"headline"', '\n"headline"')};${close}`);
    expect(formatIsoSingapore(extractArticle(html, url).published)).toBe('2024-01-13T21:40:00+08:00');
  });

  it('decodes entities left in JSON tags, and drops zero-width characters from titles', () => {
    const article = extractArticle(astro({ keywords: '台湾,选举,R&amp;D', headline: '标\u200b题\ufeff' }), url);
    expect(article.tags).toEqual(['台湾', '选举', 'R&D']);
    expect(article.title).toBe('标题');
  });

  it('knows the paywall markers on pages of every generation', () => {
    expect(extractArticle(astro({}), url).paywalled).toBe(false);
    const overlay = astro({}).replace('</article>', '</article><div class="overlay-microtransaction">订阅即可阅读全文</div>');
    expect(extractArticle(overlay, url).paywalled).toBe(true);
    const player = astro({}).replace('</article>', '</article><div id="video-freemium-player"></div>');
    expect(extractArticle(player, url).paywalled).toBe(true);
  });

  it('takes a body much shorter than the ld+json articleBody for one cut by the paywall', () => {
    const full = '正文第一段，足够长的文字内容。第二段。'.repeat(20);
    expect(extractArticle(astro({ articleBody: full }), url).paywalled).toBe(true);
    expect(extractArticle(astro({ articleBody: '正文第一段，足够长的文字内容。 第二段。' }), url).paywalled).toBe(false);
    // Some sites put the body's HTML in articleBody: its markup is not text.
    const asHtml = `<p class="paragraph-with-a-long-class-name">正文第一段，足够长的文字内容。</p><p class="paragraph-with-a-long-class-name">第二段。</p>`.repeat(1);
    expect(extractArticle(astro({ articleBody: asHtml.repeat(3) }), url).paywalled).toBe(false);
  });
});

describe('on every generation', () => {
  it('takes ld+json image or og:image as the lead picture when the page has no picture rule of its own, but never the site logo or default picture', () => {
    const own = 'https://static.zaobao.com/s3fs-public/2024/01/13/story.jpg';
    expect(extractArticle(astro({ image: { '@type': 'ImageObject', url: own } }), url).leadImage?.url).toBe(own);
    expect(extractArticle(astro({ image: [own] }), url).leadImage?.url).toBe(own);
    expect(extractArticle(astro({}, undefined, `<meta property="og:image" content="${own}">`), url).leadImage?.url).toBe(own);
    const logo = 'https://static.zaobao.com/s3fs-public/zaobao-logo.png';
    const share = 'https://static.zaobao.com/s3fs-public/default-share.jpg';
    expect(extractArticle(astro({ image: logo }, undefined, `<meta property="og:image" content="${share}">`), url).leadImage).toBeUndefined();
  });

  it('removes the subscription banner that closes stories', () => {
    const banner = '<div class="cx_paywall_placeholder" id="sph_cdp_40"><div class="paywall-container"><style>h2{}</style><h2>订阅《联合早报》数码配套个人版</h2></div></div>';
    const other = '<div id="sph_cdp_12"><h3>订户专享</h3></div><section class="paywall-container"><h2>立即订阅</h2></section>';
    const article = extractArticle(astro({}, `<p>正文第一段，足够长的文字内容。</p>${banner}<p>第二段。</p>${other}`), url);
    expect(article.bodyHtml).not.toMatch(/订阅|订户|<h[23]|<style/);
    expect(article.bodyHtml).toContain('第二段。');
  });

  it('drops line breaks at the start and end of a block, and keeps those inside it', () => {
    const article = extractArticle(astro({}, '<p><br>第一段，足够长的文字内容。</p><p> <br>上句<br>下句<br> </p><div><br></div>'), url);
    expect(article.bodyHtml).toBe('<p>第一段，足够长的文字内容。</p><p> 上句<br>下句 </p>');
    const post = renderPost(article, DEFAULT_POST_OPTIONS).content;
    expect(post).not.toMatch(/^[ \t]+$/m);
  });

  it('keeps the ideographic spaces of a headline; ASCII white space and line breaks collapse', () => {
    expect(extractArticle(astro({ headline: '宽带网络预计星期三修复　约2000用户受影响' }), url).title).toBe('宽带网络预计星期三修复　约2000用户受影响');
    expect(extractArticle(astro({ headline: '第一行\n  第二行\t完' }), url).title).toBe('第一行 第二行 完');
  });
});

describe('a parsed page', () => {
  it('works out what its sources share once per page, an undefined answer too', () => {
    const html = '<html><head><script>var a = 1;</script></head><body><p id="x">字</p></body></html>';
    const calls: string[] = [];
    const findParagraph = (page: Page) => {
      calls.push(page.url);
      return selectFirst(page.document, '#x').text();
    };
    const nothing = (page: Page) => {
      calls.push(`nothing ${page.url}`);
      return undefined;
    };
    const first = parsePage(html, 'https://www.zaobao.com/a');
    const second = parsePage(html, 'https://www.zaobao.com/b');
    expect([first.once(findParagraph), first.once(findParagraph), second.once(findParagraph)]).toEqual(['字', '字', '字']);
    expect([first.once(nothing), first.once(nothing)]).toEqual([undefined, undefined]);
    expect(calls).toEqual(['https://www.zaobao.com/a', 'https://www.zaobao.com/b', 'nothing https://www.zaobao.com/a']);
    expect(first.scripts).toEqual(['var a = 1;']);
  });
});
