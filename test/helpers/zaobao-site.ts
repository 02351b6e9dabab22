/** The fixture site: every fixture article at the path of its public URL, plus feeds and listings. */
import { fixture, type Route } from './site-server.js';

export const ARTICLE_PATHS = {
  sgReact: '/news/singapore/story20260301-9500001',
  sgReactPaywalled: '/news/singapore/story20260302-9500006',
  cnClassic: '/realtime/china/story20230514-1400002',
  cnAstro: '/realtime/china/story20240220-4500003',
  sgDrupal: '/news/singapore/story20190611-1000004',
  unknownLayout: '/news/sea/story20250101-9000005',
} as const;

/** A fixture page, by its generation's folder and its file name. */
const page = (generation: string, file: string): Route => ({ body: fixture(`${generation}/${file}`) });

export function articleRoutes(): Record<string, Route> {
  return {
    [ARTICLE_PATHS.sgReact]: page('sg-react', 'sg-react-2026.html'),
    [ARTICLE_PATHS.sgReactPaywalled]: page('sg-react', 'sg-react-paywalled-2026.html'),
    [ARTICLE_PATHS.cnClassic]: page('cn-classic', 'cn-classic-2023.html'),
    [ARTICLE_PATHS.cnAstro]: page('cn-astro', 'cn-astro-2024.html'),
    [ARTICLE_PATHS.sgDrupal]: page('sg-drupal', 'sg-drupal-2019.html'),
    [ARTICLE_PATHS.unknownLayout]: page('generic', 'unknown-layout-2025.html'),
  };
}

export function feedRoute(): Route {
  return { body: fixture('feeds/rsshub-mixed.xml'), contentType: 'application/rss+xml; charset=utf-8' };
}

/** The china section as the real site often serves it: official feeds broken, listing fine. */
export function brokenFeedsChinaRoutes(): Record<string, Route> {
  return {
    '/rss/realtime/china': { body: '<!DOCTYPE html><html><head><title>联合早报</title></head><body>首页</body></html>' },
    // '/rss/china' is absent: the server answers 404.
    '/news/china': { body: fixture('listings/sg-news-china.html') },
  };
}

export function isArticleRequest(path: string): boolean {
  return /story\d{8}-\d+/.test(path);
}
