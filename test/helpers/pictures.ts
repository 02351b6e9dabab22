/** Stories with pictures, and the pictures themselves (good ones, and ones that must not be kept), for --images download. */
import { escapeHtml } from './pages.js';
import type { Route } from './site-server.js';

/** A 1×1 PNG and a 1×1 GIF, as real files; a JPEG's first bytes are all a JPEG needs here. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
export const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';

export const PICTURES = {
  lead: 'https://static.zaobao.com/s3fs-public/2026-03/lead photo.jpg',
  figure: 'https://cassette.sphdigital.com.sg/image/zaobao/2026/03/20/figure.png?w=1200',
  shared: 'https://static.zaobao.com/s3fs-public/2026-03/shared.gif',
  svg: 'https://static.zaobao.com/s3fs-public/2026-03/chart.svg',
  notAPicture: 'https://static.zaobao.com/s3fs-public/2026-03/error.jpg',
  offSite: 'https://example.org/elsewhere.jpg',
} as const;

/** Where the mirror serves a picture: its path and query on the site's host or image host. */
export const mirrorPath = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

export const STORIES = [
  {
    path: '/realtime/china/story20260320-9700001',
    id: '9700001',
    title: '有图的新闻',
    published: '2026-03-20T10:00:00+08:00',
    image: PICTURES.lead,
    body: `<p>第一段文字，说明图片。价格{{ 100 | plus: 1 }}不应被计算。</p>
<figure><img src="${PICTURES.figure}" alt="图一"><figcaption>图一说明</figcaption></figure>
<p>第二段。</p><p><img src="${PICTURES.shared}" alt="共用"></p>
<p><img src="${PICTURES.svg}" alt="矢量图"></p><p><img src="${PICTURES.notAPicture}" alt="坏图"></p>
<p><img src="${PICTURES.offSite}" alt="外站图"></p><p>第三段。</p>`,
  },
  {
    path: '/realtime/world/story20260321-9700002',
    id: '9700002',
    title: '另一则新闻',
    published: '2026-03-21T09:30:00+08:00',
    image: undefined,
    body: `<p>这一则也用了同一张图。</p><p><img src="${PICTURES.shared}" alt="共用"></p><p>结尾。</p>`,
  },
] as const;

function storyPage(story: (typeof STORIES)[number]): string {
  const ld = {
    '@context': 'https://schema.org', '@type': 'NewsArticle', headline: story.title, datePublished: story.published, url: `https://www.zaobao.com${story.path}`,
    ...(story.image ? { image: story.image } : {}),
  };
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(story.title)} | 联合早报</title>
<script type="application/ld+json">${JSON.stringify(ld).replace(/</g, '\\u003c')}</script></head>
<body><article><h1 data-testid="article-title">${escapeHtml(story.title)}</h1>
<div class="article-body">${story.body}</div></article></body></html>`;
}

export function pictureSiteRoutes(): Record<string, Route> {
  const items = STORIES.map((story) => `<item><title>t</title><link>https://www.zaobao.com${story.path}</link></item>`).join('');
  return {
    '/feed.xml': { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`, contentType: 'application/rss+xml' },
    ...Object.fromEntries(STORIES.map((story) => [story.path, { body: storyPage(story) }])),
    [mirrorPath(PICTURES.lead)]: { body: JPEG, contentType: 'image/jpeg' },
    [mirrorPath(PICTURES.figure)]: { body: PNG, contentType: 'image/png' },
    [mirrorPath(PICTURES.shared)]: { body: GIF, contentType: 'image/gif' },
    [mirrorPath(PICTURES.svg)]: { body: SVG, contentType: 'image/svg+xml' },
    // An error page sent as a picture.
    [mirrorPath(PICTURES.notAPicture)]: { body: '<html><body>Service unavailable</body></html>', contentType: 'image/jpeg' },
  };
}

export const isPictureRequest = (path: string) => /\/(s3fs-public|image)\//.test(path);
