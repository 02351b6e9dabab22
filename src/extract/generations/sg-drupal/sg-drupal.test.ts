import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../index.js';
import { formatIsoSingapore } from '../../../time/singapore.js';
import { checkPage, fixtureDir, fixturePage, loadSuite } from '../../../../test/helpers/expected-pages.js';

describe('sg-drupal fixture pages', () => {
  it.each(loadSuite(fixtureDir('sg-drupal')))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

describe('sg-drupal pages', () => {
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

describe('sg-drupal pictures and paywall (zbsg2020 theme)', () => {
  const url = 'https://www.zaobao.com.sg/news/singapore/story20171216-819001';
  const gallery = extractArticle(fixturePage('sg-drupal', 'sg-drupal-2017-gallery.html'), url);
  it('puts each gallery picture once at the top of the body, with its caption, the first as the lead', () => {
    const pictures = [...gallery.bodyHtml.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]);
    expect(pictures).toEqual(['1', '2', '3'].map((n) => `https://static.zaobao.com/s3fs-public/2017/12/16/lights-${n}.jpg`));
    expect(gallery.bodyHtml.indexOf('<figure>')).toBe(0);
    expect(gallery.leadImage).toMatchObject({ url: pictures[0], caption: '灯光秀星期五晚揭幕。', inBody: true });
  });

  it('flags a subscriber-only story by its visible markers, whatever its ld+json says', () => {
    const premium = extractArticle(fixturePage('sg-drupal', 'sg-drupal-2020-premium.html'), 'https://www.zaobao.com.sg/news/singapore/story20200602-1058002');
    expect(premium.paywalled).toBe(true);
    const free = fixturePage('sg-drupal', 'sg-drupal-2020-premium.html')
      .replace('<span class="label label-premium">订户</span>\n<h1', '<h1')
      .replace(/<div class="article-microtransaction">[\s\S]*?<\/div>\n<\/div>\n<\/div>/, '</div>');
    // A premium card of another story is no marker of this one.
    expect(extractArticle(free, 'https://www.zaobao.com.sg/news/singapore/story20200602-1058002').paywalled).toBe(false);
  });
});

describe('sg-drupal markers and headlines, page-wide', () => {
  const page = (extra: string, head = '<meta property="og:title" content="免费新闻">') => `<html><head>${head}<meta property="article:published_time" content="2020-06-02T18:20:00+08:00"></head>
    <body><div id="login-dialog"><div class="paywall-header">订户登录</div><div id="paywall-login"></div></div>
    <aside class="most-read"><span class="label label-premium">订户</span> 热门</aside>
    <div class="content"><div class="article-header"><h1>免费新闻\u3000第二部分</h1></div>${extra}
    <div class="article-content-rawhtml"><p>第一段。</p><p>第二段。</p></div></div></body></html>`;
  const url = 'https://www.zaobao.com.sg/news/singapore/story20200602-1058003';

  it('takes no site-wide login dialog or list label for a subscriber-only story', () => {
    expect(extractArticle(page(''), url).paywalled).toBe(false);
  });

  it('reads the headline from the page with its ideographic space when there is no og:title', () => {
    expect(extractArticle(page('', ''), url).title).toBe('免费新闻\u3000第二部分');
  });
});
