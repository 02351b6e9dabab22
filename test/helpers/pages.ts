/** Article pages made on the fly for tests that need many stories (the Astro generation: ld+json metadata). */

export interface StoryPage {
  path: string;
  title: string;
  published: string;
  paragraphs: string[];
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function astroPage(story: StoryPage): string {
  const ld = { '@context': 'https://schema.org', '@type': 'NewsArticle', headline: story.title, datePublished: story.published, url: `https://www.zaobao.com${story.path}` };
  const json = JSON.stringify(ld).replace(/</g, '\\u003c');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(story.title)} | 联合早报</title>
<script type="application/ld+json">${json}</script></head>
<body><article><h1 data-testid="article-title">${escapeHtml(story.title)}</h1>
<div class="article-body">${story.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('')}<astro-island></astro-island></div></article></body></html>`;
}

/** An RSS feed listing the stories at their public zaobao.com.sg addresses. */
export function rssFeed(paths: readonly string[]): string {
  const items = paths.map((path) => `<item><title>t</title><link>https://www.zaobao.com.sg${path}</link></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
}
