/**
 * Everything about Zaobao URLs: which hosts belong to the site, how a story URL
 * is recognised and canonicalised, and how a public URL maps onto a mirror (--origin).
 */

/** Registrable domains of the site's editions; any subdomain of them is the site too. */
const SITE_DOMAINS = ['zaobao.com', 'zaobao.com.sg', 'zaobao.sg'] as const;

/** The public origins of the site's editions (where robots.txt, sitemaps and feeds live). */
export const PUBLIC_ORIGINS = ['https://www.zaobao.com.sg', 'https://www.zaobao.com'] as const;

/** `storyYYYYMMDD-ID`: the date is the Singapore publish day, ID is the numeric story id. */
const STORY_PATTERN = /(?:^|\/)story(\d{4})(\d{2})(\d{2})-(\d+)/;

export interface StoryRef {
  /** Numeric id, the stable key of a story across editions (`9352905`). */
  id: string;
  /** Full story slug as it appears in URLs (`story20260712-9352905`). */
  slug: string;
  /** Singapore publish day encoded in the slug (`2026-07-12`). */
  day: string;
}

export function isSiteHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return SITE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Hosts outside the site's domains that serve its pictures: SPH's image service, and the
 * site's own Aliyun OSS bucket (older pages; anyone may name a bucket "zaobao", so only this
 * one). Only these, and the site, are fetched for pictures.
 */
const IMAGE_HOSTS = new Set(['cassette.sphdigital.com.sg', 'oss-alpha-static-zaobao.oss-cn-hongkong.aliyuncs.com']);

/** A host a picture of the site may be fetched from: the site's own, or one of its image hosts. */
export function isPictureHost(hostname: string): boolean {
  return isSiteHost(hostname) || IMAGE_HOSTS.has(hostname.toLowerCase().replace(/\.$/, ''));
}

/** Parses a story reference out of a URL or path; undefined when it is not an article. */
export function parseStoryRef(urlOrPath: string): StoryRef | undefined {
  const match = STORY_PATTERN.exec(urlOrPath);
  if (!match) return undefined;
  const [, year, month, day, id] = match as unknown as [string, string, string, string, string];
  const monthNumber = Number(month);
  const dayNumber = Number(day);
  if (monthNumber < 1 || monthNumber > 12 || dayNumber < 1 || dayNumber > 31) return undefined;
  return { id, slug: `story${year}${month}${day}-${id}`, day: `${year}-${month}-${day}` };
}

export function tryParseUrl(input: string, base?: string | URL): URL | undefined {
  try {
    return new URL(input, base);
  } catch {
    return undefined;
  }
}

/**
 * Canonical public URL of an article: https, lower-case host, no query or fragment
 * (tracking parameters such as `?ref=` never identify a story), no trailing slash.
 */
export function canonicalArticleUrl(url: URL): string {
  const canonical = new URL(url.href);
  if (isSiteHost(canonical.hostname)) canonical.protocol = 'https:';
  canonical.search = '';
  canonical.hash = '';
  canonical.pathname = canonical.pathname.replace(/\/+$/, '') || '/';
  return canonical.href;
}

/**
 * The address a public URL is actually requested from. With a mirror origin, every URL
 * on a Zaobao host or one of its image hosts is served by the origin with the same path and query.
 */
export function toFetchUrl(publicUrl: string | URL, origin: URL | undefined): URL {
  const url = new URL(publicUrl);
  if (!origin || !isPictureHost(url.hostname)) return url;
  const base = origin.href.endsWith('/') ? origin.href : `${origin.href}/`;
  return new URL(`${url.pathname.replace(/^\/+/, '')}${url.search}`, base);
}

/** A mirror's path without the mirror's own prefix (`/zaobao/news/…` on `http://mirror/zaobao/`). */
export function pathOnSite(pathname: string, origin: URL | undefined): string {
  const prefix = origin?.pathname.replace(/\/+$/, '') ?? '';
  return prefix && pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : pathname;
}

/** Hosts that may be fetched for articles: the site's editions and the configured origin. */
export function isAllowedArticleHost(url: URL, origin: URL | undefined): boolean {
  if (isSiteHost(url.hostname)) return true;
  return origin !== undefined && url.host === origin.host;
}

/**
 * Addresses a request to the site may be redirected to: the site's own hosts, the mirror's
 * host and port, and, when the mirror was given on its scheme's default port (http://host),
 * the same host on the other scheme's default port (a mirror may move itself to https). A
 * mirror on a port of its own never leads to another port of its host: that is another server.
 */
export function isSiteAddress(url: URL, mirror: URL | undefined): boolean {
  if (isAllowedArticleHost(url, mirror)) return true;
  return mirror !== undefined && mirror.port === '' && url.port === '' && url.hostname === mirror.hostname;
}

/**
 * Images under `/s3fs-public/` on any host (`oss-….aliyuncs.com`, `www.zaobao.com`, other
 * `*.com` mirrors) are the same file as on `static.zaobao.com/s3fs-public`; their query
 * strings are resize tokens (RSSHub #10830).
 */
export function normalizeImageUrl(src: string, base: string): string | undefined {
  const url = tryParseUrl(src.trim(), base);
  if (!url || !/^https?:$/.test(url.protocol)) return undefined;
  const s3fsIndex = url.pathname.indexOf('/s3fs-public/');
  if (s3fsIndex >= 0) {
    return `https://static.zaobao.com${url.pathname.slice(s3fsIndex)}`;
  }
  return url.href;
}

/** File names of the site's own pictures, which stand for no story: its logo, its default share picture. */
const SITE_PICTURE = /logo|default|placeholder|fallback/i;

/**
 * Pictures that belong to an article: Zaobao's static bucket and its image service. A page's
 * og:image outside them, or named as the site's logo or default picture, is not the story's.
 */
export function isArticleImage(url: string): boolean {
  const parsed = tryParseUrl(url);
  if (!parsed || SITE_PICTURE.test(parsed.pathname.split('/').pop() ?? '')) return false;
  return parsed.pathname.includes('/s3fs-public/') || (parsed.hostname === 'cassette.sphdigital.com.sg' && parsed.pathname.startsWith('/image/'));
}
