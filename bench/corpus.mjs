/**
 * The benchmark corpus: article pages of every generation at the size the real site serves
 * them, made here (deterministically) from the structures in fixtures/ and the shared
 * MANIFEST. What makes real pages heavy is kept: the zaobao.com.sg React pages' hydration
 * payload (menus, latest and related lists beside the story, 200-300 KB), zaobao.com pages'
 * ad slots, scripts and styles (60-100 KB), Drupal pages' settings JSON and mega-menus
 * (several hundred KB). Bodies run from 500 to 3,000 characters.
 */

/** A small seeded generator (mulberry32): the same corpus on every run. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  '新加坡 政府 经济 增长 市场 投资 企业 部长 国会 选举 总理 发展 计划 报告 数据 价格 通胀 利率 银行 货币 贸易 出口 进口 港口 航运 ' +
  '中国 美国 马来西亚 印尼 东盟 合作 会谈 声明 官员 表示 指出 认为 预计 宣布 推出 措施 政策 调整 影响 居民 社区 学校 医院 交通 地铁 ' +
  '住房 组屋 就业 工资 公积金 科技 人工智能 数码 安全 网络 气候 环境 能源 电力 水资源 旅游 航空 疫情 卫生 研究 大学 学生 文化 艺术'
).split(' ');
const PUNCTUATION = ['，', '，', '，', '、', '。'];

function sentence(rand, chars) {
  let text = '';
  while (text.length < chars) {
    text += WORDS[Math.floor(rand() * WORDS.length)];
    if (rand() < 0.25) text += PUNCTUATION[Math.floor(rand() * PUNCTUATION.length)];
  }
  return `${text.replace(/[，、。]+$/, '')}。`;
}

const esc = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A story's body: paragraphs of 40-160 characters, a sub-heading, a picture, a keyword link; `chars` of text in all. */
function storyBody(rand, chars, { subHeading, picture, keywordLink }) {
  const blocks = [];
  let written = 0;
  let index = 0;
  while (written < chars) {
    const paragraph = sentence(rand, Math.min(40 + Math.floor(rand() * 120), chars - written + 10));
    written += paragraph.length;
    index++;
    if (index === 2 && keywordLink) blocks.push(`<p>${paragraph.slice(0, 8)}${keywordLink(paragraph.slice(8, 12))}${paragraph.slice(12)}</p>`);
    else blocks.push(`<p>${paragraph}</p>`);
    if (index === 3) blocks.push(picture(sentence(rand, 18)));
    if (index === 5) blocks.push(subHeading(sentence(rand, 8).slice(0, -1)));
  }
  return blocks;
}

/** Links in a site's menus and footers, as a real page has them by the hundred. */
function linkList(rand, count, className) {
  return Array.from({ length: count }, (_, i) => `<li class="${className}"><a href="/news/${WORDS[i % WORDS.length]}/${i}" data-track="menu-${i}">${sentence(rand, 4).slice(0, -1)}</a></li>`).join('');
}

/** Minified-looking script text: page chrome every generation ships. */
function scriptText(rand, bytes) {
  let code = '';
  for (let i = 0; code.length < bytes; i++) {
    code += `var a${i}=function(e,t){return e&&t?e[t]||"${WORDS[i % WORDS.length]}":void 0};window.__zb${i}=a${i}(window,"k${Math.floor(rand() * 1e6)}");`;
  }
  return code;
}

function styleText(bytes) {
  let css = '';
  for (let i = 0; css.length < bytes; i++) css += `.c${i}{margin:0 ${i % 16}px;color:#${(i * 2654435761 >>> 8).toString(16).slice(0, 6).padEnd(6, '0')};font-size:${12 + (i % 8)}px}`;
  return css;
}

const storyUrl = (host, path, day, id) => `https://${host}${path}/story${day.replace(/-/g, '')}-${id}`;

/** zaobao.com.sg React SSR (2023-2026): the story twice, as HTML and inside a 200-300 KB hydration payload. */
function sgReactPage(rand, { id, day, bodyChars }) {
  const url = storyUrl('www.zaobao.com.sg', '/news/singapore', day, id);
  const headline = sentence(rand, 22).slice(0, -1);
  const body = storyBody(rand, bodyChars, {
    subHeading: (text) => `<div class="bff-sub-heading"><h2>${text}</h2></div>`,
    picture: (caption) => `<p><img title="${caption}" alt="${caption}" src="https://cassette.sphdigital.com.sg/image/zaobao/${id}a"><small>${caption}（海峡时报）</small></p>`,
    keywordLink: (text) => `<a href="/keywords/k${id}?ref=article-inline">${text}</a>`,
  });
  const ads = (i) => `<div class="bff-google-ad"><div id="dfp-ad-imu${i}">广告</div></div>`;
  const bodyHtml = [...body.slice(0, 4), ads(1), ...body.slice(4), `<div class="bff-recommend-article"><a href="/news/singapore/story20260101-1">${sentence(rand, 12)}</a></div>`].join('');
  const card = (i) => ({
    id: String(9_000_000 + i), headline: sentence(rand, 24).slice(0, -1), summary: sentence(rand, 90), href: `/news/china/story20260${(i % 9) + 1}01-${9_000_000 + i}`,
    thumbnail: { url: `https://cassette.sphdigital.com.sg/image/zaobao/${i}thumb`, width: 640, height: 360 }, create_time: 1_772_000_000 + i * 97, tags: [{ name: WORDS[i % WORDS.length], href: `/keywords/${i}` }],
  });
  const menu = (i) => ({ id: `m${i}`, name: WORDS[i % WORDS.length], href: `/news/${i}`, children: Array.from({ length: 12 }, (_, j) => ({ id: `m${i}-${j}`, name: sentence(rand, 4).slice(0, -1), href: `/news/${i}/${j}`, tracking: { event: 'menu_click', label: `m${i}-${j}` } })) });
  const data = {
    loaderData: {
      root: { menus: Array.from({ length: 24 }, (_, i) => menu(i)), footer: Array.from({ length: 60 }, (_, i) => ({ name: sentence(rand, 5), href: `/about/${i}` })), ads: { slots: Array.from({ length: 30 }, (_, i) => ({ id: `dfp-ad-${i}`, sizes: [[300, 250], [728, 90]], targeting: { section: 'singapore', pos: i } })) } },
      '0-0': {
        context: {
          payload: {
            article: {
              id, headline, create_time: Math.floor(Date.parse(`${day}T09:00:00+08:00`) / 1000), update_time: Math.floor(Date.parse(`${day}T10:00:00+08:00`) / 1000),
              tags: [{ name: '新加坡' }, { name: WORDS[id % WORDS.length] }], body_cn: bodyHtml, byline: [{ name: '张伟明' }],
              images: [{ url: `https://static.zaobao.com/s3fs-public/images/story${day.replace(/-/g, '')}-${id}.jpg?itok=Qw1`, caption: `${sentence(rand, 16)}（法新社）` }], section: 'singapore',
            },
            latest: Array.from({ length: 200 }, (_, i) => card(i)),
            related: Array.from({ length: 30 }, (_, i) => card(200 + i)),
            recommended: Array.from({ length: 60 }, (_, i) => card(400 + i)),
          },
        },
      },
    },
    actionData: null,
    errors: null,
  };
  // A JSON document inside a JS string literal, `<` written \u003c, as the site sends it.
  const literal = JSON.stringify(JSON.stringify(data)).replace(/</g, '\\u003c');
  const ld = { '@context': 'https://schema.org', '@graph': [{ '@type': 'NewsArticle', headline, datePublished: new Date(Date.parse(`${day}T09:00:00+08:00`)).toISOString(), isAccessibleForFree: true, mainEntityOfPage: url, author: { '@type': 'Person', name: '张伟明' } }] };
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(headline)} | 联合早报</title>
<meta property="og:title" content="${esc(headline)}"><meta property="og:url" content="${url}"><meta name="keywords" content="新加坡,${WORDS[id % WORDS.length]}">
${Array.from({ length: 30 }, (_, i) => `<link rel="preload" as="script" href="/assets/chunk-${i}.${(i * 7919).toString(36)}.js">`).join('')}
<style>${styleText(12_000)}</style>
<script id="seo-article-page" type="application/ld+json">${JSON.stringify(ld)}</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script><script>${scriptText(rand, 8_000)}</script>
</head><body><div id="root"><header><nav><ul>${linkList(rand, 200, 'menu-item')}</ul></nav><a href="https://subscribe.sph.com.sg/publications-zb/">订阅</a></header>
<main><h1>${esc(headline)}</h1><div class="articleBody">${bodyHtml}</div><button class="cursor-pointer">分享</button>
<aside><ul>${linkList(rand, 60, 'latest-item')}</ul></aside></main><footer><ul>${linkList(rand, 80, 'footer-item')}</ul>新报业媒体有限公司版权所有</footer></div>
<script>window.__staticRouterHydrationData = JSON.parse(${literal});</script>
</body></html>`;
}

/** Site chrome of zaobao.com's pages (both generations): menus, ad slots, scripts, styles. */
function zaobaoComChrome(rand) {
  return {
    head: `<style>${styleText(20_000)}</style><script>${scriptText(rand, 20_000)}</script><script async src="https://www.googletagmanager.com/gtm.js?id=GTM-X"></script>`,
    header: `<div id="dfp-ad-lb1"></div><header><nav><ul>${linkList(rand, 120, 'nav-item')}</ul></nav></header>`,
    footer: `<div id="outbrain-wrapper"><div class="OUTBRAIN" data-widget-id="AR_1"></div><script src="//widgets.outbrain.com/outbrain.js"></script></div><footer><ul>${linkList(rand, 90, 'footer-link')}</ul>© 联合早报</footer><script>${scriptText(rand, 10_000)}</script>`,
  };
}

/** zaobao.com server-rendered (~2020-2022): ld+json, an inline `_data` object, ad slots between paragraphs. */
function cnClassicPage(rand, { id, day, bodyChars }) {
  const url = storyUrl('www.zaobao.com', '/realtime/china', day, id);
  const headline = sentence(rand, 20).slice(0, -1);
  const chrome = zaobaoComChrome(rand);
  const body = storyBody(rand, bodyChars, {
    subHeading: (text) => `<h3>${text}</h3>`,
    picture: () => `<p><img data-src="//static.zaobao.com/s3fs-public/images/202305/${id}.jpg" class="lazyload" src="data:image/gif;base64,R0lGOD"></p>`,
    keywordLink: (text) => `<a href="javascript:void(0)" onclick="track()">${text}</a>`,
  });
  const ad = `<section class="flex flex-pack-center"><div class="adv-tag adv" id="dfp-ad-imu1"></div></section><script type="text/javascript"> googletag.cmd.push(function() { googletag.display('dfp-ad-imu1'); }); </script>`;
  const related = Array.from({ length: 12 }, (_, i) => `<a href="/realtime/china/story20230501-${1_390_000 + i}" class="flex relative-recomm line"><div class="m-eps">${sentence(rand, 22)}</div></a>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="UTF-8"><meta name="keywords" content="港口,航运">
<meta property="og:title" content="${esc(headline)}"><meta property="og:url" content="${url}"><link rel="canonical" href="https://www.zaobao.com/">
<script type="text/javascript">var _data={level2_ga:"Realtime",chapter1:"China",author:"周文斌_byline",articleid:"${id}",keyword:"港口,航运",pubdate:"${day} 08:15:30"}</script>
<title>${esc(headline)} | 联合早报网</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org/', '@type': 'NewsArticle', headline, articleSection: 'China', datePublished: `${day}T08:15:30+08:00`, author: { '@type': 'Organization', name: '联合早报' }, keywords: '港口,航运' })}</script>
${chrome.head}</head><body>${chrome.header}
<nav><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/realtime">即时</a></li><h1 class="breadcrumb-item active" data-href="/realtime/china">中港台</h1></ol></nav>
<div class="article-container"><h1 class="article-title"> ${esc(headline)} </h1>
<div class="text-track-v1 author-info f14"><div><span>作者： 周文斌 &nbsp;</span></div><div class="mgt10"><span>${day} 08:15</span></div></div>
<div id="carousel-article"><div class="carousel-item"><img src="https://static.zaobao.com/s3fs-public/images/202305/${id}-lead.jpg?itok=Zx9" data-title="${sentence(rand, 14)}（中新社）"><div class="text-track-v1">（中新社）</div></div></div>
<article class="article-body" id="article-body">${[...body.slice(0, 2), ad, ...body.slice(2)].join('\n')}<span style="line-height: 0;">&#8204;&#65279;&#8204;&#8203;</span></article>
<div class="article-relative-word line"><div class="bold">相关热词</div><a href="/keywords/k0" class="item">港口</a></div>
<div><div class="bold text-dark-v1 f20">相关推荐</div>${related}</div>
</div><div id="author-block"><a href="/byline/x"><span class="text-dark-v1">周文斌</span><span>｜作者</span></a><div class="f20 bold">推荐新闻</div>${related}</div>
${chrome.footer}</body></html>`;
}

/** base32 of a paragraph's position, after 3 filler characters: the Astro pages' `data-s`. */
function dataS(position) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = Buffer.from(String(position));
  let bits = '';
  for (const byte of bytes) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return `xyz${out.padEnd(Math.ceil(out.length / 8) * 8, '=')}`;
}

/** zaobao.com Astro (2022-2024): ld+json, paragraphs served out of order with `data-s`, islands. */
function cnAstroPage(rand, { id, day, bodyChars }) {
  const url = storyUrl('www.zaobao.com', '/realtime/china', day, id);
  const headline = sentence(rand, 20).slice(0, -1);
  const chrome = zaobaoComChrome(rand);
  const paragraphs = storyBody(rand, bodyChars, { subHeading: (text) => `<p>${text}</p>`, picture: (caption) => `<p>${caption}</p>`, keywordLink: (text) => text })
    .map((block, position) => block.replace('<p>', `<p data-s="${dataS(position)}">`));
  // Served out of order: each pair swapped.
  for (let i = 0; i + 1 < paragraphs.length; i += 2) [paragraphs[i], paragraphs[i + 1]] = [paragraphs[i + 1], paragraphs[i]];
  const props = esc(JSON.stringify({ list: Array.from({ length: 20 }, (_, i) => ({ title: sentence(rand, 20), href: `/realtime/world/story20240101-${4_400_000 + i}` })) }));
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(headline)} | 联合早报</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline, datePublished: `${day}T18:05:00+08:00`, keywords: '深圳,地铁', author: [{ '@type': 'Person', name: '李慧玲' }], url })}</script>
${chrome.head}</head><body>${chrome.header}
<article><h1 data-testid="article-title">${esc(headline)}</h1><div class="byline">李慧玲</div>
<div data-testid="article-banner"><img src="https://static.zaobao.com/s3fs-public/images/story${day.replace(/-/g, '')}-${id}.jpg" title="${sentence(rand, 14)}（路透社）"></div>
<div class="article-body">${paragraphs.join('')}
<astro-island component-url="/ad.js" props="${props}"><div>赞助内容</div></astro-island>
<div class="further-reading"><a href="/realtime/china/story20240101-1">延伸阅读：${sentence(rand, 16)}</a></div>
<div class="read-on-app-cover">在早报App继续阅读</div><img alt="expend icon" src="/icons/expand.svg"></div></article>
<astro-island component-url="/latest.js" props="${props}"></astro-island>
${chrome.footer}</body></html>`;
}

/** zaobao.com.sg Drupal (`zbsg2020`, ~2016-2024): settings JSON, mega-menus, sidebars; several hundred KB. */
function sgDrupalPage(rand, { id, day, bodyChars }) {
  const url = storyUrl('www.zaobao.com.sg', '/news/singapore', day, id);
  const headline = sentence(rand, 20).slice(0, -1);
  const body = storyBody(rand, bodyChars, {
    subHeading: (text) => `<h3>${text}</h3>`,
    picture: (caption) => `<p>${caption}</p>`,
    keywordLink: (text) => `<a href="/keywords/${id}">${text}</a>`,
  });
  const settings = {
    path: { baseUrl: '/', currentPath: `node/${id}` },
    ajaxPageState: { libraries: Array.from({ length: 400 }, (_, i) => `zbsg2020/lib-${i}`).join(',') },
    dfp: { slots: Array.from({ length: 60 }, (_, i) => ({ id: `dfp-ad-${i}`, adunit: `/5908/zb.sg/news/singapore/${i}`, sizes: [[300, 250], [320, 50]] })) },
    views: { ajaxViews: Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`views_dom_id:${(i * 104729).toString(16)}`, { view_name: `latest_${i}`, view_display_id: 'block_1', view_args: '', pager_element: 0 }])) },
    menus: Array.from({ length: 40 }, (_, i) => ({ title: sentence(rand, 6), url: `/news/${i}`, below: Array.from({ length: 15 }, (_, j) => ({ title: sentence(rand, 6), url: `/news/${i}/${j}` })) })),
  };
  const sidebar = Array.from({ length: 80 }, (_, i) => `<div class="views-row"><a href="/news/singapore/story2019060${i % 9}-${999_000 + i}"><img data-src="https://static.zaobao.com/s3fs-public/styles/thumb/${i}.jpg"><span>${sentence(rand, 22)}</span></a><p>${sentence(rand, 60)}</p></div>`).join('');
  return `<!DOCTYPE html>
<html lang="zh-hans"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>${esc(headline)} | 联合早报</title>
<meta property="og:title" content="${esc(headline)}"><meta property="og:url" content="${url}"><meta name="keywords" content="国庆, 彩排">
<script type="application/ld+json">${JSON.stringify({ '@context': 'http://schema.org', '@type': 'NewsArticle', headline, datePublished: `${day.slice(5, 7)}/${day.slice(8, 10)}/${day.slice(0, 4)} - 21:40`, author: { '@type': 'Organization', name: '联合早报' } })}</script>
<style>${styleText(100_000)}</style><script type="application/json" data-drupal-selector="drupal-settings-json">${JSON.stringify(settings)}</script><script>${scriptText(rand, 40_000)}</script>
</head><body><div class="region-header"><a href="/">联合早报</a><nav class="mega-menu"><ul>${linkList(rand, 600, 'mega-menu-item')}</ul></nav></div>
<div class="container"><div class="content"><span class="label label-default">新闻</span><h1>${esc(headline)}</h1><h4 class="title-byline">文／陈美玲</h4>
<div class="story-postdate">${day}</div><div class="font-size-switcher"><a>A</a><a>A+</a></div>
<div class="article-content"><div class="article-content-rawhtml">
<figure class="inline-figure inline-figure-img"><div class="figure-media"><img data-src="https://static.zaobao.com/s3fs-public/images/${id}.jpg" src="data:image/gif;base64,R0lGOD"></div><figcaption>${sentence(rand, 16)}（联合早报）</figcaption></figure>
${[...body.slice(0, 3), '<section id="imu"><div id="dfp-ad-imu1"></div></section>', `<div class="inline-recommend"><h3>延伸阅读</h3><a href="/news/singapore/story20190601-1">${sentence(rand, 18)}</a></div>`, ...body.slice(3)].join('\n')}
<div class="share-bar"><a href="https://facebook.com/share">分享</a></div></div></div>
<div class="cx_paywall_placeholder" id="sph_cdp_40"><div class="paywall-container"><style>.paywall-container{display:block}</style><p>订阅以继续阅读</p></div></div>
</div><aside class="sidebar">${sidebar}</aside></div>
<div class="related-articles"><h3>相关新闻</h3>${sidebar}</div><footer><ul>${linkList(rand, 150, 'footer-link')}</ul></footer></body></html>`;
}

export const GENERATION_PAGES = { 'sg-react': sgReactPage, 'cn-classic': cnClassicPage, 'cn-astro': cnAstroPage, 'sg-drupal': sgDrupalPage };

/** Body lengths of each generation's pages: a short story, two usual ones, a long one. */
export const BODY_CHARS = [500, 1200, 2000, 3000];

/** A story's page of a generation, made for its id and day: `{ url, html }`. */
export function storyPage(generation, { id, day, bodyChars, seed = id }) {
  const html = GENERATION_PAGES[generation](random(seed), { id, day, bodyChars });
  const url = /property="og:url" content="([^"]+)"/.exec(html)?.[1] ?? /"url":"([^"]+story[^"]+)"/.exec(html)?.[1];
  return { url, html };
}

/** Every generation's real-size pages: `{ generation, name, url, html, bodyChars }`. */
export function realSizeCorpus() {
  return Object.keys(GENERATION_PAGES).flatMap((generation, g) =>
    BODY_CHARS.map((bodyChars, i) => ({
      generation,
      name: `${generation}-${bodyChars}`,
      bodyChars,
      ...storyPage(generation, { id: 9_800_000 + g * 100 + i, day: `2026-0${(i % 9) + 1}-1${i}`, bodyChars, seed: 1000 * (g + 1) + i }),
    })),
  );
}
