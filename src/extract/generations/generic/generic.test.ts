import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../index.js';
import { checkPage, fixtureDir, loadSuite } from '../../../../test/helpers/expected-pages.js';
import { formatIsoSingapore } from '../../../time/singapore.js';

describe('generic fixture pages', () => {
  it.each(loadSuite(fixtureDir('generic')))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

describe('the generic extractor, for a layout no generation knows', () => {
  const url = 'https://www.zaobao.com.sg/news/sea/story20250101-5000003';
  const page = (body: string, ld: Record<string, unknown> = {}) => `<html><head><meta property="og:title" content="东盟峰会聚焦数字经济">
    <script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: '东盟峰会聚焦数字经济', datePublished: '2025-01-01T01:00:00Z', ...ld })}</script></head>
    <body><main class="story-v11"><h1>东盟峰会聚焦数字经济</h1>${body}</main></body></html>`;
  const paragraphs = ['东盟领导人周三在峰会上讨论区域数字经济框架协议的进展。', '与会者同意在年底前完成主要谈判。', '观察人士认为，协议将为区域企业带来新的机遇。'];
  const textOf = (html: string) => [...html.matchAll(/<p>([^<]*)<\/p>/g)].map((match) => match[1]);

  it('takes paragraphs wrapped one by one in blocks of their own', () => {
    const wrapped = `<section class="story-body">${paragraphs.map((text) => `<div class="block-paragraph"><p>${text}</p></div>`).join('')}</section>`;
    const article = extractArticle(page(wrapped), url);
    expect(article.generation).toBe('generic');
    expect(textOf(article.bodyHtml)).toEqual(paragraphs);
  });

  it('takes the story, not readers\' comments with more text', () => {
    const comments = `<div class="comments">${[1, 2, 3].map((n) => `<p>网友评论${n}：这是一个非常非常长的评论，用来测试最密集的段落块会不会被选错。</p>`).join('')}</div>`;
    const article = extractArticle(page(`<div class="body-v10">${paragraphs.map((text) => `<p>${text}</p>`).join('')}</div>${comments}`), url);
    expect(textOf(article.bodyHtml)).toEqual(paragraphs);
  });

  it('takes a commentary, whose class names it so, for the story', () => {
    const article = extractArticle(page(`<div class="commentary-body">${paragraphs.map((text) => `<p>${text}</p>`).join('')}</div>`), url);
    expect(textOf(article.bodyHtml)).toEqual(paragraphs);
  });

  it('takes ld+json\'s articleBody when the densest block holds less than half of it', () => {
    const scattered = paragraphs.map((text) => `<div class="x"><span>${text}</span></div>`).join('').replace('<span>观察', '<p>观察').replace('机遇。</span>', '机遇。</p>');
    const article = extractArticle(page(scattered, { articleBody: paragraphs.join('\n') }), url);
    expect(textOf(article.bodyHtml)).toEqual(paragraphs);
  });

  it("ignores an og:image that is the site's default share picture", () => {
    const html = `<html><head><meta property="og:title" content="题"><meta property="og:image" content="https://www.zaobao.com.sg/themes/zb/logo.png">
      <meta property="article:published_time" content="2024-01-13T21:40:00+08:00"></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    expect(extractArticle(html, 'https://www.zaobao.com/realtime/china/story20240113-4401234').leadImage).toBeUndefined();
  });
});

describe('generic pages with little metadata', () => {
  it('reads bylines from elements named as such, times from <time datetime>, tags from article:tag', () => {
    const html = `<html><head><title>一个新版面 | 联合早报</title><meta property="article:tag" content="经济"><meta property="article:tag" content="贸易"></head>
      <body><article><h1>一个新版面</h1><div class="story-author-bio">张三是资深记者，报道经济新闻二十年，著有多本关于区域贸易与金融的书籍，曾获新闻奖。</div>
      <span class="byline">记者 李四</span><time datetime="2025-01-01T09:30:00+08:00">1月1日</time>
      <div class="content"><p>第一段，新的版面没有人认得。</p><p>第二段，正文继续。</p></div></article></body></html>`;
    const article = extractArticle(html, 'https://www.zaobao.com.sg/news/sea/story20250101-9000009');
    expect(article.generation).toBe('generic');
    expect(article.authors).toEqual(['李四']);
    expect(formatIsoSingapore(article.published)).toBe('2025-01-01T09:30:00+08:00');
    expect(article.tags).toEqual(['经济', '贸易']);
    const itemprop = html.replace('<span class="byline">记者 李四</span>', '<a rel="author" href="/a">王五</a>');
    expect(extractArticle(itemprop, 'https://www.zaobao.com.sg/news/sea/story20250101-9000009').authors).toEqual(['王五']);
  });
});
