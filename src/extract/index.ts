/**
 * Extraction: picks the page generation by what the page contains, reads each field from
 * the places that generation keeps it, and cleans the body. Pure: HTML in, Article out.
 */
import { decodeHTML } from 'entities';
import { findSection, sectionOfPath } from '../site/sections.js';
import { canonicalArticleUrl, isSiteHost, normalizeImageUrl, parseStoryRef, tryParseUrl } from '../site/urls.js';
import { isPlausiblePublishTime, isPlausibleStoryTime, parseZaobaoTime } from '../time/singapore.js';
import { $, parseFragment } from '../html/parse.js';
import { cleanBody, type CleanBody } from './clean.js';
import { bylineNames } from './byline.js';
import { ExtractError } from './errors.js';
import { GENERATIONS, generic } from './generations/index.js';
import { parsePage } from './page.js';
import { cleanTitle } from './title.js';
import { first, ldDeclaredFree, ldString, SITE_LEAD_IMAGES, SITE_PAYWALL_MARKERS } from './sources.js';
import type { Article, Generation, MissingField, Page, Source } from './types.js';

export type { Article } from './types.js';
export { GENERATIONS } from './generations/index.js';
export { ExtractError } from './errors.js';

export interface ExtractHints {
  /** Publish time from the feed, used only when the page has none. */
  published?: number;
  title?: string;
}

/** Tags in order, once each; those from JSON can still carry HTML entities (`AT&amp;T`). */
function uniqueInOrder(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => decodeHTML(value).trim()).filter(Boolean))];
}

/** The page's own canonical URL when it names the same story on a Zaobao host. */
function resolveCanonicalUrl(page: Page, generation: Generation): string {
  const requested = tryParseUrl(page.url);
  const requestedStory = parseStoryRef(page.url);
  for (const source of generation.canonicalUrl ?? []) {
    const candidate = tryParseUrl(source(page) ?? '', page.url);
    if (!candidate || !isSiteHost(candidate.hostname)) continue;
    const story = parseStoryRef(candidate.pathname);
    if (!story || (requestedStory && story.id !== requestedStory.id)) continue;
    return canonicalArticleUrl(candidate);
  }
  return requested ? canonicalArticleUrl(requested) : page.url;
}

/**
 * The first source whose value reads as a plausible time (for the story whose id carries
 * `storyDay`, when given); an unreadable or impossible one does not hide the next. Impossible
 * ones are collected in `implausible`, for the warning.
 */
function firstTime(sources: readonly Source<string | number>[] | undefined, page: Page, implausible: string[] = [], storyDay?: string): number | undefined {
  for (const source of sources ?? []) {
    const value = source(page);
    const ms = parseZaobaoTime(value);
    if (ms === undefined) continue;
    if (isPlausibleStoryTime(ms, storyDay)) return ms;
    implausible.push(String(value));
  }
  return undefined;
}

/** The names of the first byline that has any: a byline of roles or credits only does not hide ld+json's author. */
function firstNames(sources: readonly Source<string[]>[], page: Page): string[] {
  for (const source of sources) {
    const names = bylineNames(source(page) ?? []);
    if (names.length) return names;
  }
  return [];
}

/** ld+json `description` is the editors' own standfirst. */
const SUMMARY_SOURCES: Source<string>[] = [ldString('description')];

/** Whether the body already shows this picture (then the lead figure would repeat it). */
function bodyHasImage(body: CleanBody, url: string): boolean {
  const withoutQuery = (src: string) => src.split('?')[0];
  return body.images.some((src) => withoutQuery(src) === withoutQuery(url));
}

/** ld+json `articleBody` as text: some sites put HTML in it. */
function ldArticleText(page: Page): string | undefined {
  const body = ldString('articleBody')(page);
  if (!body) return undefined;
  const text = body.includes('<') ? $(parseFragment(body)).text() : decodeHTML(body);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A premium story cut after its first paragraph is its lead: a paragraph, not a whole story
 * set in one <p> with <br>s, as some old bodies are.
 */
const CUT_BODY_MAX_CHARS = 400;

/**
 * The generation's own markers, the site's, or a body cut short: a single paragraph where
 * premium stories were served cut after their first, or much less text than ld+json says
 * the article has.
 */
function isPaywalled(page: Page, generation: Generation, body: CleanBody): boolean {
  if (first(generation.paywalled, page) || first(SITE_PAYWALL_MARKERS, page)) return true;
  // A guess: a short free story (a brief, a video's caption) is one paragraph too, and a page
  // that says it is free is taken at its word.
  const cut = generation.oneParagraphIsPaywall && body.paragraphs === 1 && body.text.length < CUT_BODY_MAX_CHARS;
  if (cut && !ldDeclaredFree(page)) return true;
  const fullText = ldArticleText(page);
  return fullText !== undefined && body.text.length < fullText.length / 2 && fullText.length - body.text.length > 200;
}

function cleanedBody(page: Page, generation: Generation, baseUrl: string): CleanBody | undefined {
  for (const source of generation.body) {
    const raw = source(page);
    if (!raw) continue;
    const body = cleanBody(raw, { baseUrl, noise: generation.clean, transforms: generation.transforms });
    if (body.text) return body;
  }
  return undefined;
}

function extractWith(page: Page, generation: Generation, hints: ExtractHints): Article {
  const url = resolveCanonicalUrl(page, generation);
  const title = cleanTitle(first(generation.title, page) ?? hints.title ?? '');
  if (!title) throw new ExtractError('no title found on the page');

  const warnings: string[] = [];
  const story = parseStoryRef(url);
  const implausible: string[] = [];
  let published = firstTime(generation.published, page, implausible, story?.day);
  const timeFromPage = published !== undefined;
  if (published === undefined && hints.published !== undefined && isPlausibleStoryTime(hints.published, story?.day)) published = hints.published;
  const storyDay = story ? parseZaobaoTime(story.day) : undefined;
  if (published === undefined && storyDay !== undefined && isPlausiblePublishTime(storyDay)) {
    published = storyDay;
    warnings.push(
      implausible.length
        ? `publish time ${JSON.stringify(implausible[0])} is impossible: dated ${story!.day} 00:00 from the story id`
        : `no publish time on the page: dated ${story!.day} 00:00 from the story id`,
    );
  }
  if (published === undefined) throw new ExtractError(implausible.length ? `no possible publish time on the page (${JSON.stringify(implausible[0])})` : 'no publish time found on the page');
  const updated = firstTime(generation.updated, page);

  const body = cleanedBody(page, generation, url);
  if (!body) throw new ExtractError(`no article body found (${generation.name} layout)`);

  const sectionHint = first(generation.section, page);
  const section = (sectionHint ? findSection(sectionHint) : undefined) ?? sectionOfPath(new URL(url).pathname);
  const lead = first(generation.leadImage, page) ?? first(SITE_LEAD_IMAGES, page);
  const leadUrl = lead ? normalizeImageUrl(lead.url, url) : undefined;
  const summary = first(generation.summary ?? SUMMARY_SOURCES, page);

  const authors = firstNames(generation.authors, page);
  const tags = uniqueInOrder(first(generation.tags, page) ?? []);
  const missing: MissingField[] = [];
  if (!timeFromPage) missing.push('published');
  if (!authors.length) missing.push('byline');
  if (!leadUrl) missing.push('leadImage');
  if (!tags.length) missing.push('tags');
  return {
    url,
    title,
    published,
    updated: updated !== undefined && updated > published ? updated : undefined,
    authors,
    section: section?.name,
    tags,
    leadImage: leadUrl ? { url: leadUrl, caption: lead?.caption ? decodeHTML(lead.caption).trim() || undefined : undefined, inBody: bodyHasImage(body, leadUrl) } : undefined,
    summary: summary ? decodeHTML(summary).replace(/\s+/g, ' ').trim() : undefined,
    warnings,
    missing,
    bodyHtml: body.html,
    paywalled: isPaywalled(page, generation, body),
    generation: generation.name,
  };
}

/** The first generation whose fingerprints the page carries; generic when none does. */
const generationOf = (page: Page): Generation => GENERATIONS.find((candidate) => candidate.detect(page)) ?? generic;

/** The generation a page is read by (generic when none knows it), or undefined when it cannot be parsed. */
export function detectGeneration(html: string, url: string): string | undefined {
  try {
    return generationOf(parsePage(html, url)).name;
  } catch {
    return undefined;
  }
}

/**
 * The article with strings of its own. V8 keeps a substring as a view of the string it was cut
 * from: a title read from the page would keep the whole page in memory as long as the article,
 * through the writes that follow and in the run's summary.
 */
function ownStrings(article: Article): Article {
  // Through JSON, not UTF-8: a lone surrogate comes back as itself.
  return JSON.parse(JSON.stringify(article)) as Article;
}

/**
 * Extracts an article from page HTML. `url` is the public address the page is known by.
 * Throws ExtractError when even the generic fallback finds no title, time or body.
 */
export function extractArticle(html: string, url: string, hints: ExtractHints = {}): Article {
  const page = parsePage(html, url);
  const generation = generationOf(page);
  try {
    return ownStrings(extractWith(page, generation, hints));
  } catch (error) {
    // A known layout that lost its body (a site change): the generic reading may still work.
    if (generation === generic || !(error instanceof ExtractError)) throw error;
    return ownStrings(extractWith(page, generic, hints));
  }
}
