import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../index.js';
import { formatIsoSingapore } from '../../../time/singapore.js';
import { checkPage, fixtureDir, fixturePage, loadSuite } from '../../../../test/helpers/expected-pages.js';
import { readInlineData } from './inline-data.js';

const classicUrl = 'https://www.zaobao.com/realtime/china/story20230514-1400002';

describe('cn-classic fixture pages', () => {
  it.each(loadSuite(fixtureDir('cn-classic')))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

describe('cn-classic pages', () => {
  it('reads the page at an unrelated address by its own og:url when the story id agrees', () => {
    const html = fixturePage('cn-classic', 'cn-classic-2023.html');
    const article = extractArticle(html, 'http://127.0.0.1:9/realtime/china/story20230514-1400002?ref=x');
    expect(article.url).toBe('https://www.zaobao.com/realtime/china/story20230514-1400002');
  });

  it('sets apart the names of bylines that come as one string', () => {
    const fixture = () => fixturePage('cn-classic', 'cn-classic-2023.html');
    const classic = fixture().replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： 黄佳琪、李明 图／王五</span>');
    expect(extractArticle(classic, classicUrl).authors).toEqual(['黄佳琪', '李明']);
    // Linked co-authors, apart or side by side, and a second author block.
    const linked = fixture().replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： <a href="/a">黄佳琪</a><a href="/b">王一</a></span>');
    expect(extractArticle(linked, classicUrl).authors).toEqual(['黄佳琪', '王一']);
    const spaced = fixture().replace('<span>作者： 周文斌 &nbsp;</span>', '<span>作者： 黄佳琪&nbsp;王一</span>');
    expect(extractArticle(spaced, classicUrl).authors).toEqual(['黄佳琪', '王一']);
    const blocks = fixture()
      .replace('<span>作者： 周文斌 &nbsp;</span>', '')
      .replace('<span class="text-dark-v1">周文斌</span><span>｜作者</span></a>', '<span class="text-dark-v1">周文斌</span><span>｜作者</span></a><a href="/byline/y"><span class="text-dark-v1">王一</span></a>');
    expect(extractArticle(blocks, classicUrl).authors).toEqual(['周文斌', '王一']);
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

describe('readInlineData', () => {
  it('reads the first script that assigns `_data`, and no other', () => {
    expect(readInlineData(['var other={pubdate:"x"};', 'var _data = {author:"周文斌_byline",n:1};'])).toEqual({ author: '周文斌_byline' });
    expect(readInlineData(['var metadata={pubdate:"x"};'])).toEqual({});
  });
});
