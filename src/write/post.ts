/** Turns an Article into a post (Jekyll, or Hugo with --flavor hugo): file name, front matter, Markdown body. */
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import { escapeLinkText, escapeUrl, htmlToMarkdown, leadImageMarkdown } from '../convert/markdown.js';
import type { Article } from '../extract/types.js';
import { findSection } from '../site/sections.js';
import { parseStoryRef } from '../site/urls.js';
import { formatIsoSingapore, formatJekyllDate, singaporeDay } from '../time/singapore.js';
import { serializeFrontMatter, type FrontMatter } from './front-matter.js';
import { BUNDLE_POST } from './existing.js';
import { titleSlug } from './slug.js';
import { $, innerHtml, parseFragment, select } from '../html/parse.js';

/** How posts are written: format, naming, defaults. */
export type Flavor = 'jekyll' | 'hugo';

export interface PostOptions {
  flavor: Flavor;
  /** File name after the date: the story id (stable, ASCII) or a slug of the title. */
  slug: 'id' | 'title';
  layout: string;
  /** Author when the story has no byline. */
  defaultAuthor: string;
  extraTags: readonly string[];
  extraCategories: readonly string[];
}

export const POST_EXTENSION = '.md';

/** `YYYY-MM-DD-<slug>`: the Singapore day of publication, then the story id or the title's slug. */
export function postFileStem(article: Pick<Article, 'url' | 'title' | 'published'>, options: Pick<PostOptions, 'slug'>): string {
  const storyId = parseStoryRef(article.url)?.id;
  let slug = options.slug === 'title' || !storyId ? titleSlug(article.title) : storyId;
  // A title slug of digits only (a headline such as "2026") would read as a story id when the
  // directory is indexed by file name (write/existing.ts): the story id sets it apart.
  if (slug !== storyId && /^\d+$/.test(slug) && storyId) slug = `${slug}-${storyId}`;
  // Jekyll reads a post's date from its name and ignores a post whose name has none.
  const day = singaporeDay(article.published);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`no post can be named for a story dated ${day}`);
  return `${day}-${slug}`;
}

/** Every post is in this category, beside the section's own. */
const SITE_CATEGORY = '联合早报';

export interface Post {
  fileName: string;
  storyId?: string;
  content: string;
}

export interface PostProvenance {
  /** `feed` when the body was built from the feed item's HTML. */
  source?: 'page' | 'feed';
  /** The file name decided by the caller (a collision suffix, an existing post's name). */
  fileName?: string;
  /**
   * Pictures kept with the site (--images download), by their URL: Jekyll, their path on the
   * site (`/assets/zaobao/…`); Hugo, their name in the page bundle.
   */
  pictures?: ReadonlyMap<string, string>;
}

/** The post's name (its date, then the rest), from its file name or, for a page bundle, its folder's. */
export function postStem(fileName: string): string {
  return basename(fileName) === BUNDLE_POST ? basename(dirname(fileName)) : basename(fileName, POST_EXTENSION);
}

/** Matches a Liquid closing tag for raw blocks, which would end our protection early. */
const ENDRAW = /\{%-?\s*endraw\s*-?%\}/g;

/**
 * Article text with `{{` or `{%` would be executed by Liquid and can fail `jekyll build`;
 * the body is wrapped in a raw block, and any literal endraw inside is emitted piecewise.
 */
export function protectLiquid(markdown: string, { inline = false } = {}): string {
  if (!/\{\{|\{%/.test(markdown)) return markdown;
  const escaped = markdown.replace(ENDRAW, (tag) => `{% endraw %}{{ "{" }}${tag.slice(1)}{% raw %}`);
  return inline ? `{% raw %}${escaped}{% endraw %}` : `{% raw %}\n${escaped}\n{% endraw %}`;
}

/** Blocks of text a story opens with; a picture's caption is not one. */
const TEXT_BLOCKS = 'p, li, blockquote, h2, h3, h4';

/**
 * The plain text of the story's first paragraph, for Jekyll's excerpt (its feed's summary, the
 * page's description): without it, Jekyll takes the body's first line, which is the title link.
 */
function firstParagraph(bodyHtml: string): string | undefined {
  const body = parseFragment(bodyHtml);
  const collapse = (text: string) => text.replace(/[\s\u00a0]+/g, ' ').trim();
  const block = select(body, TEXT_BLOCKS)
    .toArray()
    .find((element) => !$(element).closest('figure').length && collapse($(element).text()) !== '');
  if (block) return collapse($(block).text());
  // A body of lines set apart by <br>s: its first line.
  select(body, 'br').replaceWith('\n');
  return collapse($(body).text().split('\n').find((line) => line.trim()) ?? '') || undefined;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

export function renderPost(article: Article, options: PostOptions, provenance: PostProvenance = {}): Post {
  const storyId = parseStoryRef(article.url)?.id;
  const section = article.section ? findSection(article.section) : undefined;
  const hugo = options.flavor === 'hugo';
  const fileName = provenance.fileName ?? `${postFileStem(article, options)}${POST_EXTENSION}`;
  const frontMatter: FrontMatter = {
    layout: options.layout,
    title: article.title,
    // Hugo reads RFC 3339; Jekyll's own format is `2026-08-08 10:30:00 +0800`.
    date: hugo ? formatIsoSingapore(article.published) : formatJekyllDate(article.published),
    author: article.authors.length ? article.authors.join('、') : options.defaultAuthor,
    from: article.url,
    tags: unique([...article.tags, ...options.extraTags]),
    categories: unique([SITE_CATEGORY, ...(section ? [section.label] : []), ...options.extraCategories]),
    updated: article.updated === undefined ? undefined : hugo ? formatIsoSingapore(article.updated) : formatJekyllDate(article.updated),
    image: article.leadImage && (provenance.pictures?.get(article.leadImage.url) ?? article.leadImage.url),
    excerpt: firstParagraph(article.bodyHtml) ?? article.summary,
    story_id: storyId,
    paywalled: article.paywalled,
    source: provenance.source === 'feed' ? 'feed' : undefined,
    extractor: article.generation === 'generic' ? 'generic' : undefined,
    // The name after its date (a post kept in a subfolder is named by its path).
    slug: hugo ? postStem(fileName).slice(11) : undefined,
  };
  // Hugo does not run Liquid: there the text needs no protection (and raw tags would show).
  const protect = (text: string, inline = false) => (hugo ? text : protectLiquid(text, { inline }));
  // The source link stays the body's first line, so it is protected on its own.
  const sourceLine = `[${protect(escapeLinkText(article.title), true)}](${escapeUrl(article.url)})`;
  const pictures = localPictures(provenance.pictures, options.flavor);
  const parts: string[] = [];
  if (article.leadImage && !article.leadImage.inBody) {
    parts.push(leadImageMarkdown({ ...article.leadImage, url: pictures.linkOf(article.leadImage.url) }, article.title));
  }
  parts.push(htmlToMarkdown(pictures.inBody(article.bodyHtml), options.flavor));
  const markdown = [sourceLine, pictures.resolve(protect(parts.filter(Boolean).join('\n\n')))].join('\n\n');
  return { fileName, storyId, content: `${serializeFrontMatter(frontMatter)}\n${markdown}\n` };
}

/**
 * Links to kept pictures. Hugo's are names in the page bundle. Jekyll's go through Liquid's
 * `relative_url`, so that they hold under a `baseurl` (a project site on GitHub Pages): the
 * Markdown carries a token in their place until the text is protected from Liquid, and the
 * Liquid then stands outside any raw block.
 */
function localPictures(links: ReadonlyMap<string, string> | undefined, flavor: Flavor) {
  const tokens = new Map<string, string>();
  // Unguessable, so that no article text can be taken for one.
  const nonce = links?.size ? randomBytes(8).toString('hex') : '';
  const linkOf = (url: string): string => {
    const link = links?.get(url);
    if (!link || flavor === 'hugo') return link ?? url;
    const token = `zb-picture-${nonce}-${tokens.size}`;
    tokens.set(token, link);
    return token;
  };
  return {
    linkOf,
    inBody(bodyHtml: string): string {
      if (!links?.size) return bodyHtml;
      const body = parseFragment(bodyHtml);
      for (const image of select(body, 'img').toArray()) {
        if (image.attribs.src) image.attribs.src = linkOf(image.attribs.src);
      }
      return innerHtml(body);
    },
    resolve(markdown: string): string {
      if (!tokens.size) return markdown;
      const raw = markdown.startsWith('{% raw %}');
      return markdown.replace(new RegExp(`zb-picture-${nonce}-\\d+`, 'g'), (token) => {
        const liquid = `{{ '${tokens.get(token)!}' | relative_url }}`;
        return raw ? `{% endraw %}${liquid}{% raw %}` : liquid;
      });
    },
  };
}
