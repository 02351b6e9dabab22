/**
 * `zb-scrape doctor`: is the site still as zb-scrape knows it? For each section, every source is
 * read, and on each edition the newest story is fetched and extracted: what was found, what
 * was not. Exit 0 when every section yields a complete story, 1 otherwise.
 */
import { newestDay, readFeed, readListing, staleSince } from '../../discover/index.js';
import type { DiscoveredItem, SourceOutcome } from '../../discover/types.js';
import { extractArticle } from '../../extract/index.js';
import type { Article } from '../../extract/types.js';
import { HttpClient } from '../../fetch/http.js';
import { adviceForFailures } from '../../fetch/unreachable.js';
import { SiteFetcher } from '../../fetch/site-fetcher.js';
import { createLogger } from '../../log.js';
import { SECTIONS, type Section } from '../../site/sections.js';
import { parseZaobaoTime } from '../../time/singapore.js';
import { loadConfig } from '../config.js';
import { ExitCode } from '../exit-codes.js';
import type { DoctorFlags } from '../main.js';
import { reasonOf } from '../../pipeline/reason.js';
import { resolveNetwork, resolveSections } from '../settings.js';

interface SourceCheck {
  source: string;
  kind: string;
  reachable: boolean;
  error?: string;
  articles: number;
  newest?: string;
  /** A feed whose newest story is over a week old has stopped. */
  stale?: boolean;
}

interface StoryCheck {
  edition: string;
  url: string;
  error?: string;
  generation?: string;
  found?: { title: boolean; time: boolean; byline: boolean; tags: boolean; bodyChars: number; leadImage: boolean };
  paywalled?: boolean;
  complete: boolean;
}

interface SectionCheck {
  section: string;
  sources: SourceCheck[];
  stories: StoryCheck[];
  ok: boolean;
}

function sourceCheck(outcome: SourceOutcome, now: number): SourceCheck {
  const newest = newestDay(outcome);
  return {
    source: outcome.source, kind: outcome.kind, reachable: !outcome.error, error: outcome.error, articles: outcome.items.length, newest,
    ...(outcome.kind === 'feed' && outcome.items.length ? { stale: staleSince(outcome, now) !== undefined } : {}),
  };
}

/** The edition a URL is of: its host without `www.`. */
const editionOf = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/** The newest story of each edition (by its host), newest by its time when the source gave one, else by its id's day. */
function newestPerEdition(items: readonly DiscoveredItem[]): Map<string, DiscoveredItem> {
  const key = (item: DiscoveredItem) => parseZaobaoTime(item.publishedHint) ?? parseZaobaoTime(item.story.day) ?? 0;
  const newest = new Map<string, DiscoveredItem>();
  for (const item of items) {
    const edition = editionOf(item.url);
    const current = newest.get(edition);
    if (!current || key(item) > key(current) || (key(item) === key(current) && Number(item.story.id) > Number(current.story.id))) newest.set(edition, item);
  }
  return newest;
}

function storyCheck(edition: string, item: DiscoveredItem, article: Article): StoryCheck {
  const missing = new Set(article.missing ?? []);
  const bodyChars = article.bodyHtml.replace(/<[^>]*>/g, '').replace(/\s+/g, '').length;
  const found = { title: Boolean(article.title), time: !missing.has('published'), byline: !missing.has('byline'), tags: !missing.has('tags'), bodyChars, leadImage: !missing.has('leadImage') };
  // Complete: read by a known layout, with its own time and a body.
  const complete = article.generation !== 'generic' && found.title && found.time && bodyChars > 0;
  return { edition, url: item.url, generation: article.generation, found, paywalled: article.paywalled, complete };
}

async function checkSection(fetcher: SiteFetcher, section: Section): Promise<SectionCheck> {
  const now = Date.now();
  const outcomes = [
    ...(await Promise.all(section.feeds.map((url) => readFeed(fetcher, url, { sections: [section], feeds: [] })))),
    ...(await Promise.all(section.listings.map((url) => readListing(fetcher, section, url)))),
  ];
  const stories: StoryCheck[] = [];
  const newest = newestPerEdition(outcomes.flatMap((outcome) => outcome.items));
  // An edition whose sources list no story is said as such, not left out.
  const editions = new Set([...section.feeds, ...section.listings].map(editionOf));
  for (const edition of editions) {
    if (!newest.has(edition)) stories.push({ edition, url: '', error: `no story of ${edition} listed by any source`, complete: false });
  }
  for (const [edition, item] of newest) {
    try {
      const response = await fetcher.get(item.url);
      stories.push(storyCheck(edition, item, extractArticle(response.text, item.url)));
    } catch (error) {
      stories.push({ edition, url: item.url, error: reasonOf(error), complete: false });
    }
  }
  return { section: section.name, sources: outcomes.map((outcome) => sourceCheck(outcome, now)), stories, ok: stories.some((story) => story.complete) };
}

const yes = (value: boolean) => (value ? 'yes' : 'NO');

function printSection(check: SectionCheck, write: (line: string) => void): void {
  write(`${check.section}: ${check.ok ? 'ok' : 'NO COMPLETE STORY'}\n`);
  for (const source of check.sources) {
    const state = source.reachable ? `${source.articles} articles${source.newest ? `, newest ${source.newest}` : ''}${source.stale ? ' (stale)' : ''}` : `unreachable: ${source.error}`;
    write(`  ${source.kind.padEnd(7)} ${source.source}  ${state}\n`);
  }
  for (const story of check.stories) {
    if (story.error) {
      write(`  story   ${story.url || `(${story.edition})`}  ${story.error}\n`);
      continue;
    }
    const found = story.found!;
    write(
      `  story   ${story.url}  ${story.generation}; title ${yes(found.title)}, time ${yes(found.time)}, byline ${yes(found.byline)}, tags ${yes(found.tags)}, ` +
        `body ${found.bodyChars} chars, picture ${yes(found.leadImage)}, paywalled ${story.paywalled ? 'yes' : 'no'}${story.complete ? '' : ' (incomplete)'}\n`,
    );
  }
}

/** Why sections yield no complete story: the network, no source at all, or pages the known layouts no longer read. */
function failureReason(failed: SectionCheck[], origin: URL | undefined): string {
  const names = failed.map((check) => check.section).join(', ');
  const sources = failed.flatMap((check) => check.sources);
  if (sources.every((source) => !source.reachable)) return adviceForFailures(sources, origin) ?? `${names}: no source could be read`;
  return `${names}: no complete story; the site may have changed (zb-scrape fetch --save-pages <dir> keeps the pages for a bug report)`;
}

export async function doctorCommand(flags: DoctorFlags): Promise<number> {
  const config = await loadConfig(flags.config);
  const sections = flags.section ? resolveSections(flags.section) : config.sections ? resolveSections(config.sections) : [...SECTIONS];
  const network = resolveNetwork(flags, config);
  const log = createLogger(flags.json ? 'quiet' : 'normal');
  const http = new HttpClient({ ...network, connectionsPerOrigin: 4 });
  try {
    const fetcher = new SiteFetcher(http, { ...network, log });
    const checks: SectionCheck[] = [];
    for (const section of sections) {
      const check = await checkSection(fetcher, section);
      checks.push(check);
      if (!flags.json) printSection(check, (line) => process.stdout.write(line));
    }
    const ok = checks.every((check) => check.ok);
    if (flags.json) process.stdout.write(`${JSON.stringify({ ok, sections: checks }, null, 2)}\n`);
    else if (!ok) process.stderr.write(`error: ${failureReason(checks.filter((check) => !check.ok), network.origin)}\n`);
    return ok ? ExitCode.ok : ExitCode.partial;
  } finally {
    await http.close();
  }
}
