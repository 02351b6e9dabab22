/**
 * Backfill discovery from sitemaps: the index (`/sitemap.xml`) lists monthly sitemaps
 * (`/sitemaps/sitemap-YYYYMM.xml`, from 201601 on) whose entries are article URLs with an
 * optional `<lastmod>`. Only the window's months are read, and only the sections' paths and
 * the window's days are kept, before any article is fetched.
 */
import { Parser } from 'htmlparser2';
import type { SiteFetcher } from '../fetch/site-fetcher.js';
import type { Section } from '../site/sections.js';
import { isAllowedArticleHost, parseStoryRef, tryParseUrl } from '../site/urls.js';
import { parseZaobaoTime, singaporeDay } from '../time/singapore.js';
import { normalizeArticleLink } from './normalize.js';
import { itemsFromCache, stateKey, type ConditionalLookup } from './conditional.js';
import type { DiscoveredItem, SourceOutcome } from './types.js';
import { dayInWindow, windowMonths, type DateWindow } from './window.js';

export const SITEMAP_INDEX_URL = 'https://www.zaobao.com.sg/sitemap.xml';
export const monthlySitemapUrl = (month: string) => `https://www.zaobao.com.sg/sitemaps/sitemap-${month}.xml`;
const MONTH_IN_NAME = /sitemap-(\d{6})[^/]*\.xml/;
const monthOf = (url: string) => MONTH_IN_NAME.exec(url)?.[1] ?? '';
/** The site's monthly sitemaps start in January 2016 on the site: no month before is asked for. */
const FIRST_SITEMAP_MONTH = '201601';
/**
 * sitemaps.org allows a sitemap 50,000 URLs and 50 MB uncompressed: a month with image or news
 * extensions can pass the 10 MB that caps a page. Read as a stream of tags, it adds no tree.
 */
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
const byName = (months: string[]) => months.filter((month) => month >= FIRST_SITEMAP_MONTH).map(monthlySitemapUrl);

/** A sitemap nests four levels deep with its extensions (urlset, url, news:news, news:name). */
const MAX_SITEMAP_NESTING = 32;

/** A tag's local name: sitemaps may use a prefix for their namespace (`<sm:url>`). */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

function assertSitemap(text: string): void {
  if (!/^\s*(<\?xml|<(?:[\w.-]+:)?(sitemapindex|urlset)[\s>])/.test(text.replace(/^\uFEFF/, ''))) {
    throw new Error('did not return a sitemap (not XML)');
  }
}

/** Monthly sitemap URLs from the index; the month's own name decides if it is in the window. */
export function parseSitemapIndex(xml: string): string[] {
  assertSitemap(xml);
  const months: string[] = [];
  forEachEntry(xml, 'sitemap', (loc) => {
    if (loc) months.push(loc);
  });
  return months;
}

export interface SitemapScope {
  sections: readonly Section[];
  window: DateWindow;
  origin?: URL;
  validators?: ConditionalLookup;
}

function sectionOf(pathname: string, sections: readonly Section[]): Section | undefined {
  return sections.find((section) => section.paths.some((prefix) => pathname.startsWith(`${prefix}/`)));
}

/**
 * The entries of a sitemap (`<url>`) or of its index (`<sitemap>`), read as a stream of tags
 * (htmlparser2's own parser, which cheerio builds its trees with): a month of tens of thousands
 * of entries builds no tree, which would hold the whole month in memory.
 */
function forEachEntry(xml: string, entryTag: 'url' | 'sitemap', onEntry: (loc: string, lastmod: string) => void): void {
  let field: 'loc' | 'lastmod' | undefined;
  let entry: { loc: string; lastmod: string } | undefined;
  // Depth inside the entry: only its own <loc> and <lastmod> count, not an extension's.
  let depth = 0;
  // Depth in the whole document: past a sitemap's few levels, every further tag costs the
  // parser more than the last, and the file is no sitemap.
  let nesting = 0;
  const parser = new Parser(
    {
      onopentag(tag) {
        if (++nesting > MAX_SITEMAP_NESTING) throw new Error(`is no sitemap: tags nested more than ${MAX_SITEMAP_NESTING} deep`);
        const name = localName(tag);
        if (!entry) {
          if (name === entryTag) entry = { loc: '', lastmod: '' };
          return;
        }
        depth++;
        if (depth === 1 && (name === 'loc' || name === 'lastmod')) field = name;
      },
      ontext(text) {
        if (entry && field) entry[field] += text;
      },
      onclosetag() {
        nesting--;
        if (!entry) return;
        if (depth === 0) {
          onEntry(entry.loc.trim(), entry.lastmod.trim());
          entry = undefined;
          return;
        }
        depth--;
        field = undefined;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
}

/** Article entries of a monthly sitemap that belong to the sections and the window. */
export function parseMonthlySitemap(xml: string, publicUrl: string, scope: SitemapScope): DiscoveredItem[] {
  assertSitemap(xml);
  const items: DiscoveredItem[] = [];
  forEachEntry(xml, 'url', (loc, lastmodText) => {
    const verdict = normalizeArticleLink(loc, publicUrl, scope.origin);
    if (!verdict.ok) return;
    const section = sectionOf(new URL(verdict.url).pathname, scope.sections);
    if (!section) return;
    // The story id's day is the publish day; lastmod stands in only where the URL has no date.
    const lastmod = parseZaobaoTime(lastmodText);
    const day = parseStoryRef(verdict.url)?.day ?? (lastmod === undefined ? undefined : singaporeDay(lastmod));
    if (!day || !dayInWindow(day, scope.window)) return;
    // A lastmod with a time bounds the publish time: a --since run need not fetch a story
    // last changed before its window to learn that it is outside it. A day alone bounds nothing.
    // Nor does a time of exactly midnight, which many generators write for a day.
    const modifiedHint = lastmod !== undefined && /\d:\d\d/.test(lastmodText) && !/[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d\d:?\d\d)?$/i.test(lastmodText) ? lastmodText : undefined;
    items.push({ url: verdict.url, story: verdict.story, section: section.name, via: publicUrl, ...(modifiedHint ? { modifiedHint } : {}) });
  });
  return items;
}

function isOnSite(url: string, origin: URL | undefined): boolean {
  const parsed = tryParseUrl(url);
  return parsed !== undefined && /^https?:$/.test(parsed.protocol) && isAllowedArticleHost(parsed, origin);
}

/**
 * Reads the index, then each monthly sitemap of the window. Without an index, the monthly
 * sitemaps are asked for by name. Returns one outcome per sitemap read.
 */
export async function discoverFromSitemaps(fetcher: SiteFetcher, scope: SitemapScope, today: string): Promise<SourceOutcome[]> {
  const months = new Set(windowMonths(scope.window, today));
  if (months.size === 0) return [];
  const outcomes: SourceOutcome[] = [];
  let monthly: string[];
  try {
    const listed = parseSitemapIndex((await fetcher.get(SITEMAP_INDEX_URL, { maxBytes: SITEMAP_MAX_BYTES })).text);
    // Sitemaps, like articles, are read only on the site's hosts (or the mirror): an index
    // must not make the run fetch any address it names.
    const inWindow = listed.filter((url) => months.has(monthOf(url)));
    const offSite = inWindow.filter((url) => !isOnSite(url, fetcher.origin));
    monthly = inWindow.filter((url) => !offSite.includes(url));
    // An index that lags behind the window, or leaves a month out: those are asked for by name.
    const covered = new Set(monthly.map(monthOf));
    monthly.push(...byName([...months].filter((month) => !covered.has(month))));
    outcomes.push({ source: SITEMAP_INDEX_URL, kind: 'sitemap', items: [], skippedLinks: offSite.map((url) => `sitemap not on the site: ${url}`) });
  } catch (error) {
    outcomes.push({ source: SITEMAP_INDEX_URL, kind: 'sitemap', items: [], skippedLinks: [], error: (error as Error).message });
    monthly = byName([...months]);
  }
  for (const url of monthly) {
    const key = stateKey(url, scope.window, scope.sections.map((section) => section.name));
    try {
      const cached = scope.validators?.get(key);
      const response = await fetcher.get(url, { conditional: cached?.validators, maxBytes: SITEMAP_MAX_BYTES });
      const unchanged = response.status === 304 && cached !== undefined;
      const items = unchanged ? itemsFromCache(cached, url, fetcher.origin) : parseMonthlySitemap(response.text, url, { ...scope, origin: fetcher.origin });
      outcomes.push({ source: url, kind: 'sitemap', items, skippedLinks: [], notModified: unchanged, validators: response.validators, stateKey: key });
    } catch (error) {
      outcomes.push({ source: url, kind: 'sitemap', items: [], skippedLinks: [], error: (error as Error).message });
    }
  }
  return outcomes;
}
