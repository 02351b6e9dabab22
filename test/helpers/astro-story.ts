/** A small zaobao.com Astro story page built around a given ld+json, for extraction tests. */

export const ASTRO_STORY_URL = 'https://www.zaobao.com/realtime/china/story20240113-4401234';

/** Its byline is "郭玉洁 | 记者" inside the story's <article>; an aside has another. */
export const astroStory = (ld: Record<string, unknown>, body = '<p>正文第一段，足够长的文字内容。</p><p>第二段。</p>', extra = '') =>
  `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: '标题', datePublished: '2024-01-13T21:40:00+08:00', ...ld })}</script>${extra}</head>
     <body><article><h1 data-testid="article-title">标题</h1><div class="byline">郭玉洁 | 记者</div><div class="article-body">${body}<astro-island></astro-island></div></article>
     <aside><div class="byline">别的作者</div></aside></body></html>`;
