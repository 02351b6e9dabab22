/**
 * The one table of Zaobao sections. Paths moved over the years (`/realtime/china`,
 * `/news/china`; finance from `/finance/realtime` to `/realtime/finance` in 2026), so
 * every section lists its sources on each edition, newest first.
 */

export interface Section {
  name: string;
  /** Chinese name, used as a Jekyll category. */
  label: string;
  /** RSS/Atom feeds, tried in order (the official ones are unreliable). */
  feeds: string[];
  /** Listing pages, the fallback when no feed can be read. */
  listings: string[];
  /** URL path prefixes of the section's articles, for sitemap and listing filtering. */
  paths: string[];
}

const SG = 'https://www.zaobao.com.sg';
const CN = 'https://www.zaobao.com';

export const SECTIONS: readonly Section[] = [
  {
    name: 'china',
    label: '中国',
    feeds: [`${SG}/rss/realtime/china`, `${SG}/rss/china`],
    listings: [`${SG}/news/china`, `${CN}/realtime/china`],
    paths: ['/news/china', '/realtime/china'],
  },
  {
    name: 'world',
    label: '国际',
    feeds: [`${SG}/rss/realtime/world`, `${SG}/rss/world`],
    listings: [`${SG}/news/world`, `${CN}/realtime/world`],
    paths: ['/news/world', '/realtime/world'],
  },
  {
    name: 'singapore',
    label: '新加坡',
    feeds: [`${SG}/rss/realtime/singapore`, `${SG}/rss/singapore`],
    listings: [`${SG}/news/singapore`, `${CN}/realtime/singapore`],
    paths: ['/news/singapore', '/realtime/singapore'],
  },
  {
    name: 'sea',
    label: '东南亚',
    feeds: [`${SG}/rss/realtime/sea`, `${SG}/rss/sea`],
    listings: [`${SG}/news/sea`, `${CN}/realtime/sea`],
    paths: ['/news/sea', '/realtime/sea'],
  },
  {
    name: 'finance',
    label: '财经',
    feeds: [`${SG}/rss/realtime/finance`, `${SG}/rss/finance.xml`],
    listings: [`${SG}/realtime/finance`, `${SG}/finance/realtime`, `${CN}/realtime/finance`],
    paths: ['/realtime/finance', '/finance'],
  },
  {
    name: 'sports',
    label: '体育',
    feeds: [`${SG}/rss/realtime/sports`],
    listings: [`${SG}/news/sports`, `${CN}/realtime/sports`],
    paths: ['/news/sports', '/realtime/sports'],
  },
  {
    name: 'entertainment',
    label: '娱乐',
    feeds: [`${SG}/rss/entertainment`],
    listings: [`${SG}/entertainment`, `${CN}/entertainment`],
    paths: ['/entertainment'],
  },
] as const;

/** A section by its name (`china`) or its Chinese label (`中国`). */
export function findSection(name: string): Section | undefined {
  const wanted = name.trim().toLowerCase();
  return SECTIONS.find((section) => section.name === wanted || section.label === wanted);
}

/** The section an article URL belongs to, from its path (`/realtime/world/story…` → world). */
export function sectionOfPath(pathname: string): Section | undefined {
  const path = pathname.toLowerCase();
  return SECTIONS.find((section) => section.paths.some((prefix) => path.startsWith(`${prefix}/`)))
    ?? SECTIONS.find((section) => path.split('/').includes(section.name));
}
