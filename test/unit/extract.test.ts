import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.js';
import { formatIsoSingapore } from '../../src/time/singapore.js';
import { DEFAULT_POST_OPTIONS, renderPost } from '../../src/write/post.js';
import { markdownToText, squash } from '../helpers/markdown-text.js';

interface Expectation {
  generation?: string;
  title: string;
  published: string;
  author: string;
  tags: string[];
  url: string;
  leadImage?: string;
  paywalled?: boolean;
  ordered?: boolean;
  paragraphs: string[];
  absent: string[];
}

function loadSuite(dir: string): [string, Expectation, string][] {
  const expected = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8')) as Record<string, Expectation>;
  return Object.entries(expected).map(([file, expectation]) => [file, expectation, readFileSync(`${dir}/${file}`, 'utf8')]);
}

function checkPage(file: string, expectation: Expectation, html: string): void {
  // Pages are read at their public address, as fetch does after discovery.
  const article = extractArticle(html, expectation.url);
  const post = renderPost(article, DEFAULT_POST_OPTIONS);
  if (expectation.generation) expect(article.generation, file).toBe(expectation.generation);
  expect(article.title).toBe(expectation.title);
  expect(formatIsoSingapore(article.published)).toBe(expectation.published);
  expect(article.authors.length ? article.authors.join('、') : '联合早报').toBe(expectation.author);
  expect(article.tags).toEqual(expectation.tags);
  expect(article.url).toBe(expectation.url);
  expect(article.paywalled).toBe(expectation.paywalled ?? false);
  if (expectation.leadImage) expect(article.leadImage?.url).toBe(expectation.leadImage);

  const body = post.content.slice(post.content.indexOf('\n---\n') + 5);
  const text = squash(markdownToText(body));
  let cursor = -1;
  for (const paragraph of expectation.paragraphs) {
    const at = text.indexOf(squash(paragraph), cursor + 1);
    expect(at, `${file}: "${paragraph}" missing or out of order`).toBeGreaterThan(cursor);
    cursor = at;
  }
  for (const unwanted of expectation.absent) expect(post.content, `${file} contains "${unwanted}"`).not.toContain(unwanted);
}

describe('extraction of our fixture pages, one per page generation', () => {
  const dir = fileURLToPath(new URL('../../fixtures', import.meta.url));
  it.each(loadSuite(dir))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

const sharedCorpus = fileURLToPath(new URL('../../../shared/corpus/samples', import.meta.url));
describe.skipIf(!existsSync(`${sharedCorpus}/expected.json`))('extraction of the shared corpus samples', () => {
  it.each(existsSync(`${sharedCorpus}/expected.json`) ? loadSuite(sharedCorpus) : [])('%s', (file, expectation, html) =>
    checkPage(file, expectation, html),
  );
});

describe('extraction details', () => {
  it('reads the page at an unrelated address by its own og:url when the story id agrees', () => {
    const html = readFileSync(fileURLToPath(new URL('../../fixtures/pages/cn-classic-2023.html', import.meta.url)), 'utf8');
    const article = extractArticle(html, 'http://127.0.0.1:9/realtime/china/story20230514-1400002?ref=x');
    expect(article.url).toBe('https://www.zaobao.com/realtime/china/story20230514-1400002');
  });

  it('sets apart the names of bylines that come as one string, from JSON or a classic page', () => {
    const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/pages/${name}`, import.meta.url)), 'utf8');
    const react = fixture('sg-react-2026.html').replace('\\"byline\\": [{\\"name\\": \\"张伟明\\"}]', '\\"byline\\": \\"文／陈可欣 图／李明\\"');
    expect(react).toContain('陈可欣');
    expect(extractArticle(react, 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001').authors).toEqual(['陈可欣']);
    const classic = fixture('cn-classic-2023.html').replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： 黄佳琪、李明 图／王五</span>');
    expect(extractArticle(classic, 'https://www.zaobao.com/realtime/china/story20230514-1400002').authors).toEqual(['黄佳琪', '李明']);
    // Linked co-authors, apart or side by side, and a second author block.
    const classicUrl = 'https://www.zaobao.com/realtime/china/story20230514-1400002';
    const linked = fixture('cn-classic-2023.html').replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： <a href="/a">黄佳琪</a><a href="/b">王一</a></span>');
    expect(extractArticle(linked, classicUrl).authors).toEqual(['黄佳琪', '王一']);
    const spaced = fixture('cn-classic-2023.html').replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： 黄佳琪&nbsp;王一</span>');
    expect(extractArticle(spaced, classicUrl).authors).toEqual(['黄佳琪', '王一']);
    const blocks = fixture('cn-classic-2023.html')
      .replace('<span>作者： 周文斌 &nbsp;</span>', '')
      .replace('<span class="text-dark-v1">周文斌</span><span>｜作者</span></a>', '<span class="text-dark-v1">周文斌</span><span>｜作者</span></a><a href="/byline/y"><span class="text-dark-v1">王一</span></a>');
    expect(extractArticle(blocks, classicUrl).authors).toEqual(['周文斌', '王一']);
  });

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
  const astro = (ld: Record<string, unknown>, body = '<p>正文第一段，足够长的文字内容。</p><p>第二段。</p>', extra = '') =>
    `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: '标题', datePublished: '2024-01-13T21:40:00+08:00', ...ld })}</script>${extra}</head>
     <body><article><h1 data-testid="article-title">标题</h1><div class="byline">郭玉洁 | 记者</div><div class="article-body">${body}<astro-island></astro-island></div></article>
     <aside><div class="byline">别的作者</div></aside></body></html>`;
  const url = 'https://www.zaobao.com/realtime/china/story20240113-4401234';

  it('takes the story byline only, without role words', () => {
    expect(extractArticle(astro({}), url).authors).toEqual(['郭玉洁']);
  });

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

  it('tries the next time source when the first cannot be read', () => {
    const html = `<html><head><meta property="og:title" content="国庆彩排"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"soon"}</script></head>
      <body><h1><a href="/">联合早报</a></h1><div class="content"><h1>国庆彩排</h1><div class="date-published">发布 / 2019年10月19日 7:33 PM</div>
      <div class="article-content-rawhtml"><p>国庆庆典首次彩排周六举行，吸引大批民众。</p></div></div></body></html>`;
    const article = extractArticle(html, 'https://www.zaobao.com.sg/news/singapore/story20191019-1000009');
    expect(article.generation).toBe('sg-drupal');
    expect(article.title).toBe('国庆彩排');
    expect(formatIsoSingapore(article.published)).toBe('2019-10-19T19:33:00+08:00');
    expect(article.warnings).toEqual([]);
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

  it("ignores an og:image that is the site's default share picture", () => {
    const html = `<html><head><meta property="og:title" content="题"><meta property="og:image" content="https://www.zaobao.com.sg/themes/zb/logo.png">
      <meta property="article:published_time" content="2024-01-13T21:40:00+08:00"></head><body><div><p>这是一段足够长的正文内容，用来让通用提取器找到它的正文区块。</p></div></body></html>`;
    expect(extractArticle(html, url).leadImage).toBeUndefined();
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

  it('sets apart the names of a byline made of one element each', () => {
    // ld+json's author is the next source: a byline with no name in it falls through to it.
    const byline = (inner: string) =>
      extractArticle(astro({ author: { '@type': 'Person', name: '联合早报 ld' } }).replace('<div class="byline">郭玉洁 | 记者</div>', `<div class="byline">${inner}</div>`), url).authors;
    expect(byline('<a href="/byline/a">郭玉洁</a><a href="/byline/b">王一</a>')).toEqual(['郭玉洁', '王一']);
    expect(byline('<span>作者：</span><span>郭玉洁</span>')).toEqual(['郭玉洁']);
    expect(byline('郭玉洁 <span>记者</span>')).toEqual(['郭玉洁']);
    expect(byline('By <a>Goh Yu Jie</a> and <a>Wang Yi</a>')).toEqual(['Goh Yu Jie', 'Wang Yi']);
    expect(byline('<a>郭玉洁</a>和<a>王一</a><time>2024-01-13 21:40</time>')).toEqual(['郭玉洁', '王一']);
    expect(byline('<a>郭玉洁</a> / <a>王一</a>')).toEqual(['郭玉洁', '王一']);
    expect(byline('<a>郭玉洁</a> · <a>王一</a>')).toEqual(['郭玉洁', '王一']);
    expect(byline('<a>郭玉洁</a>（北京）')).toEqual(['郭玉洁']);
    expect(byline('郭<b>玉洁</b>')).toEqual(['郭玉洁']);
    expect(byline('约翰·史密斯')).toEqual(['约翰·史密斯']);
    expect(byline('陈美玲<br>李明')).toEqual(['陈美玲', '李明']);
    expect(byline('文／陈美玲<br>图／李明')).toEqual(['陈美玲']); // 李明 took the photos
    expect(byline('陈美玲（<em>实习记者</em>）')).toEqual(['陈美玲']);
    expect(byline('陈美玲／李明')).toEqual(['陈美玲', '李明']);
    expect(byline('陈美玲 / 李明')).toEqual(['陈美玲', '李明']);
    expect(byline('图／李明　文／陈美玲')).toEqual(['陈美玲']);
    expect(byline('文／陈美玲　图／李明')).toEqual(['陈美玲']);
    expect(byline('文／陈美玲　photo/Li')).toEqual(['陈美玲']);
    expect(byline('Photo: Li　文／陈美玲')).toEqual(['陈美玲']);
    // Words and pictures by one hand.
    expect(byline('文、图／郭玉洁')).toEqual(['郭玉洁']);
    expect(byline('图文／郭玉洁')).toEqual(['郭玉洁']);
    expect(byline('文·图／郭玉洁')).toEqual(['郭玉洁']);
    expect(byline('文/图/郭玉洁')).toEqual(['郭玉洁']);
    // A name ending in 文 before a photo credit is no combined credit.
    expect(byline('文／李文　图／张三')).toEqual(['李文']);
    expect(byline('文：张文、李文　图：王图')).toEqual(['张文', '李文']);
    expect(byline('陈文、图：李明')).toEqual(['陈文']);
    // A photographer's name in Latin letters goes whole.
    expect(byline('By Tan Wee Leng, Photo: Li Ming')).toEqual(['Tan Wee Leng']);
    expect(byline('Tan Wee Leng | Photo: Lim Yaohui')).toEqual(['Tan Wee Leng']);
    expect(byline('陈可欣、Photo: Ooi Boon Keong')).toEqual(['陈可欣']);
    expect(byline('Photo/Lianhe Zaobao　文／陈美玲')).toEqual(['陈美玲']);
    // Roles and labels beside the name.
    expect(byline('特约记者 郭玉洁')).toEqual(['郭玉洁']);
    expect(byline('<a>郭玉洁</a> 北京特派员')).toEqual(['郭玉洁']);
    expect(byline('郭玉洁 北京特派员')).toEqual(['郭玉洁']);
    expect(byline('郭玉洁 报道')).toEqual(['郭玉洁']);
    expect(byline('<span>郭玉洁</span><span>发布/2024年1月13日 21:40</span>')).toEqual(['郭玉洁']);
    expect(byline('来源：联合早报')).toEqual(['联合早报 ld']);
    // A full-width bar before the role; roles and posts before the name; credits that are no authorship.
    expect(byline('郭玉洁｜记者')).toEqual(['郭玉洁']);
    expect(byline('郭玉洁｜北京特派员')).toEqual(['郭玉洁']);
    expect(byline('北京特派员 陈可欣')).toEqual(['陈可欣']);
    expect(byline('早报驻北京特派员 韩咏红')).toEqual(['韩咏红']);
    expect(byline('韩咏红 早报驻北京特派员')).toEqual(['韩咏红']);
    expect(byline('驻北京记者 陈可欣')).toEqual(['陈可欣']);
    expect(byline('陈美玲<br>本报记者')).toEqual(['陈美玲']);
    expect(byline('陈美玲　编辑：王五')).toEqual(['陈美玲']);
    expect(byline('陈美玲、责任编辑：王五')).toEqual(['陈美玲']);
    expect(byline('陈美玲<br>李明 摄')).toEqual(['陈美玲']);
    expect(byline('陈美玲<br>摄影 李明')).toEqual(['陈美玲']);
    // Names set apart by a space or an "and" alone.
    expect(byline('陈可欣 王一')).toEqual(['陈可欣', '王一']);
    expect(byline('Li Ming and Wang Wei')).toEqual(['Li Ming', 'Wang Wei']);
  });

  it('takes the byline of the article that holds the title, not of a story card that is an <article> too', () => {
    const card = '<article class="card"><a href="/realtime/china/story20240101-4400000">别的新闻</a><div class="byline">张三</div></article>';
    const withCard = astro({ author: { '@type': 'Person', name: '郭玉洁' } }).replace('<body>', `<body>${card}`);
    expect(extractArticle(withCard, url).authors).toEqual(['郭玉洁']);
    const unsigned = withCard.replace('<div class="byline">郭玉洁 | 记者</div>', '');
    expect(extractArticle(unsigned, url).authors).toEqual(['郭玉洁']);
  });

  it('a byline that is only the desk\'s credit leaves the default author, or ld+json\'s', () => {
    const withByline = (inner: string, ld: Record<string, unknown> = {}) => astro(ld).replace('<div class="byline">郭玉洁 | 记者</div>', `<div class="byline">${inner}</div>`);
    expect(extractArticle(withByline('综合讯'), url).authors).toEqual([]);
    expect(extractArticle(withByline('早报讯'), url).authors).toEqual([]);
    expect(extractArticle(withByline('文、图／'), url).authors).toEqual([]);
    expect(extractArticle(withByline('综合讯', { author: { '@type': 'Person', name: '郭玉洁' } }), url).authors).toEqual(['郭玉洁']);
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

  it('takes a banner picture given only by its srcset, the largest copy', () => {
    const banner = '<div data-testid="article-banner"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://static.zaobao.com/s3fs-public/images/x-480.jpg 480w, https://static.zaobao.com/s3fs-public/images/x-1200.jpg 1200w" title="配图"></div>';
    const article = extractArticle(astro({}).replace('<div class="byline">', `${banner}<div class="byline">`), url);
    expect(article.leadImage).toMatchObject({ url: 'https://static.zaobao.com/s3fs-public/images/x-1200.jpg', caption: '配图' });
  });

  it('decodes entities left in JSON tags and captions, and drops zero-width characters from titles', () => {
    const article = extractArticle(astro({ keywords: '台湾,选举,R&amp;D', headline: '标\u200b题\ufeff' }), url);
    expect(article.tags).toEqual(['台湾', '选举', 'R&D']);
    expect(article.title).toBe('标题');
    const react = readFileSync(fileURLToPath(new URL('../../fixtures/pages/sg-react-2026.html', import.meta.url)), 'utf8')
      .replace('{\\"name\\": \\"新加坡\\"}', '{\\"name\\": \\"AT&amp;T\\"}')
      .replace('金管局发布声明（法新社）', '金管局发布&quot;声明&quot;（法新社）');
    const sg = extractArticle(react, 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001');
    expect(sg.tags[0]).toBe('AT&T');
    expect(sg.leadImage?.caption).toBe('金管局发布"声明"（法新社）');
  });

  it('drops the site\'s "expend icon" images on every generation', () => {
    const react = readFileSync(fileURLToPath(new URL('../../fixtures/pages/sg-react-2026.html', import.meta.url)), 'utf8')
      .replace(String.raw`\u003csmall>金管局大楼外观`, String.raw`\u003cimg alt=\\\"expend icon\\\" src=\\\"/_web2/assets/expand-icon.svg\\\">\u003csmall>金管局大楼外观`);
    expect(react).toContain('expend icon');
    const article = extractArticle(react, 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001');
    expect(article.generation).toBe('sg-react');
    const body = article.bodyHtml;
    expect(body).toContain('金管局大楼外观');
    expect(body).not.toContain('expand-icon');
  });

  it('takes the lazy banner picture, not its placeholder', () => {
    const banner = '<div data-testid="article-banner"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://static.zaobao.com/s3fs-public/images/x.jpg" title="配图"></div>';
    const article = extractArticle(astro({}).replace('<div class="byline">', `${banner}<div class="byline">`), url);
    expect(article.leadImage).toMatchObject({ url: 'https://static.zaobao.com/s3fs-public/images/x.jpg', caption: '配图' });
  });

  it('knows the paywall markers on pages of every generation', () => {
    expect(extractArticle(astro({}), url).paywalled).toBe(false);
    const overlay = astro({}).replace('</article>', '</article><div class="overlay-microtransaction">订阅即可阅读全文</div>');
    expect(extractArticle(overlay, url).paywalled).toBe(true);
    const player = astro({}).replace('</article>', '</article><div id="video-freemium-player"></div>');
    expect(extractArticle(player, url).paywalled).toBe(true);
  });

  it('takes a React story served with its lead paragraph only for a premium one (MANIFEST: a body cut after the first paragraph)', () => {
    const react = readFileSync(fileURLToPath(new URL('../../fixtures/pages/sg-react-2026.html', import.meta.url)), 'utf8');
    const reactUrl = 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001';
    expect(extractArticle(react, reactUrl).paywalled).toBe(false);
    const cut = react.replace(/body_cn\\": \\"[^]*?(?=\\", \\")/, 'body_cn\\": \\"\\u003cp>新加坡金融管理局周五宣布维持货币政策不变。\\u003c/p>');
    expect(cut).not.toBe(react);
    // A short free story is one paragraph too: a page that says it is free is taken at its word.
    expect(cut).toContain('"isAccessibleForFree": true');
    expect(extractArticle(cut, reactUrl)).toMatchObject({ generation: 'sg-react', paywalled: false });
    const undeclared = cut.replace('"isAccessibleForFree": true, ', '');
    expect(undeclared).not.toContain('isAccessibleForFree');
    expect(extractArticle(undeclared, reactUrl)).toMatchObject({ generation: 'sg-react', paywalled: true });
  });

  it('reads a React page whose hydration script is missing from its rendered copy and ld+json, as sg-react', () => {
    const react = readFileSync(fileURLToPath(new URL('../../fixtures/pages/sg-react-2026.html', import.meta.url)), 'utf8');
    const reactUrl = 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001';
    const withoutHydration = react.replace(/<script>window\.__staticRouterHydrationData[^]*?<\/script>/, '');
    expect(withoutHydration).not.toContain('__staticRouterHydrationData');
    const full = extractArticle(react, reactUrl);
    const rendered = extractArticle(withoutHydration, reactUrl);
    expect(rendered).toMatchObject({ generation: 'sg-react', title: full.title, published: full.published, authors: full.authors });
    expect(rendered.bodyHtml).not.toMatch(/广告|bff-google-ad/);
  });

  it('takes a body much shorter than the ld+json articleBody for one cut by the paywall', () => {
    const full = '正文第一段，足够长的文字内容。第二段。'.repeat(20);
    expect(extractArticle(astro({ articleBody: full }), url).paywalled).toBe(true);
    expect(extractArticle(astro({ articleBody: '正文第一段，足够长的文字内容。 第二段。' }), url).paywalled).toBe(false);
    // Some sites put the body's HTML in articleBody: its markup is not text.
    const asHtml = `<p class="paragraph-with-a-long-class-name">正文第一段，足够长的文字内容。</p><p class="paragraph-with-a-long-class-name">第二段。</p>`.repeat(1);
    expect(extractArticle(astro({ articleBody: asHtml.repeat(3) }), url).paywalled).toBe(false);
  });

  it('takes a Drupal story served with its first paragraph only for a premium one', () => {
    const drupal = (paragraphs: string) => `<html><head><meta property="og:title" content="题"><meta property="article:published_time" content="2019-10-19T19:33:00+08:00"></head>
      <body><div class="content"><h1>题</h1><div class="article-content-rawhtml">${paragraphs}</div></div></body></html>`;
    const drupalUrl = 'https://www.zaobao.com.sg/news/singapore/story20191019-1000009';
    expect(extractArticle(drupal('<p>第一段。</p>'), drupalUrl)).toMatchObject({ generation: 'sg-drupal', paywalled: true });
    expect(extractArticle(drupal('<p>第一段。</p><p>第二段。</p>'), drupalUrl)).toMatchObject({ generation: 'sg-drupal', paywalled: false });
    // Paragraphs as line breaks or divs are not a cut body.
    expect(extractArticle(drupal('第一段。<br><br>第二段。'), drupalUrl)).toMatchObject({ generation: 'sg-drupal', paywalled: false });
    expect(extractArticle(drupal('<div>第一段。</div><div>第二段。</div>'), drupalUrl)).toMatchObject({ generation: 'sg-drupal', paywalled: false });
    // A whole story in one <p>, or a paragraph and a list, is not a cut one.
    expect(extractArticle(drupal(`<p>${'第一段很长的文字。'.repeat(40)}<br><br>${'第二段也很长。'.repeat(40)}</p>`), drupalUrl)).toMatchObject({ paywalled: false });
    expect(extractArticle(drupal('<p>要点如下：</p><ul><li>第一点。</li><li>第二点。</li></ul>'), drupalUrl)).toMatchObject({ paywalled: false });
    // The login promo that ends a premium body is no part of it.
    const premium = extractArticle(drupal('<p>第一段。</p><div class="paywall-login"><p>本文为会员独享，请登录阅读全文</p><a href="/user/login">登录</a></div>'), drupalUrl);
    expect(premium.paywalled).toBe(true);
    expect(premium.bodyHtml).not.toMatch(/会员独享|登录/);
  });
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
});

describe('the old zaobao.com inline _data object', () => {
  const classic = (data: string) =>
    `<html><head><title>欧盟电动车 | 联合早报网</title><script>var _data=${data};</script></head>
     <body><h1 class="article-title">欧盟电动车</h1><article id="article-body"><p>欧盟周五宣布对电动车展开调查，这是正文。</p></article></body></html>`;
  const url = 'https://www.zaobao.com/realtime/world/story20211105-1210001';

  it('reads keys after a nested object and values holding braces or escapes', () => {
    const article = extractArticle(
      classic(`{level2_ga:"Realtime",ga:{section:"World",extra:{a:"}"}},note:'a } brace',author:"黄佳琪_byline",title:"\\u6b27\\u76df \\"EV\\"",pubdate:"2021-11-05 09:12:45"}`),
      url,
    );
    expect(article.generation).toBe('cn-classic');
    expect(formatIsoSingapore(article.published)).toBe('2021-11-05T09:12:45+08:00');
    expect(article.authors).toEqual(['黄佳琪']);
  });

  it('takes only top-level keys, never those of a nested object', () => {
    const article = extractArticle(classic(`{ga:{pubdate:"2000-01-01 00:00:00",author:"别人_byline"},pubdate:"2021-11-05 09:12:45",author:"黄佳琪_byline"}`), url);
    expect(formatIsoSingapore(article.published)).toBe('2021-11-05T09:12:45+08:00');
    expect(article.authors).toEqual(['黄佳琪']);
  });
});
