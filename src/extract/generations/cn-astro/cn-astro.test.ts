import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../index.js';
import { ASTRO_STORY_URL as url, astroStory as astro } from '../../../../test/helpers/astro-story.js';
import { checkPage, fixtureDir, loadSuite } from '../../../../test/helpers/expected-pages.js';

describe('cn-astro fixture pages', () => {
  it.each(loadSuite(fixtureDir('cn-astro')))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

describe('cn-astro pages', () => {
  it('takes the story byline only, without role words', () => {
    expect(extractArticle(astro({}), url).authors).toEqual(['郭玉洁']);
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

  it('takes a banner picture given only by its srcset, the largest copy', () => {
    const banner = '<div data-testid="article-banner"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://static.zaobao.com/s3fs-public/images/x-480.jpg 480w, https://static.zaobao.com/s3fs-public/images/x-1200.jpg 1200w" title="配图"></div>';
    const article = extractArticle(astro({}).replace('<div class="byline">', `${banner}<div class="byline">`), url);
    expect(article.leadImage).toMatchObject({ url: 'https://static.zaobao.com/s3fs-public/images/x-1200.jpg', caption: '配图' });
  });

  it('takes the lazy banner picture, not its placeholder', () => {
    const banner = '<div data-testid="article-banner"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://static.zaobao.com/s3fs-public/images/x.jpg" title="配图"></div>';
    const article = extractArticle(astro({}).replace('<div class="byline">', `${banner}<div class="byline">`), url);
    expect(article.leadImage).toMatchObject({ url: 'https://static.zaobao.com/s3fs-public/images/x.jpg', caption: '配图' });
  });
});
