/** Turns an Article into a Jekyll post: file name, front matter and Markdown body. */
import { escapeLinkText, escapeUrl, htmlToMarkdown, leadImageMarkdown } from '../convert/markdown.js';
import type { Article } from '../extract/types.js';
import { findSection } from '../site/sections.js';
import { parseStoryRef } from '../site/urls.js';
import { formatJekyllDate, singaporeDay } from '../time/singapore.js';
import { serializeFrontMatter, type FrontMatter } from './front-matter.js';

export interface PostOptions {
  layout: string;
  /** Author when the story has no byline. */
  defaultAuthor: string;
  extraTags: readonly string[];
  extraCategories: readonly string[];
}

export const DEFAULT_POST_OPTIONS: PostOptions = { layout: 'post', defaultAuthor: '联合早报', extraTags: [], extraCategories: [] };

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

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

export function postFileName(article: Article, storyId: string | undefined): string {
  return `${singaporeDay(article.published)}-${storyId ?? 'article'}.md`;
}

export function renderPost(article: Article, options: PostOptions, provenance: PostProvenance = {}): Post {
  const storyId = parseStoryRef(article.url)?.id;
  const section = article.section ? findSection(article.section) : undefined;
  const frontMatter: FrontMatter = {
    layout: options.layout,
    title: article.title,
    date: formatJekyllDate(article.published),
    author: article.authors.length ? article.authors.join('、') : options.defaultAuthor,
    from: article.url,
    tags: unique([...article.tags, ...options.extraTags]),
    categories: unique([SITE_CATEGORY, ...(section ? [section.label] : []), ...options.extraCategories]),
    updated: article.updated !== undefined ? formatJekyllDate(article.updated) : undefined,
    image: article.leadImage?.url,
    excerpt: article.summary,
    story_id: storyId,
    paywalled: article.paywalled,
    source: provenance.source === 'feed' ? 'feed' : undefined,
    extractor: article.generation === 'generic' ? 'generic' : undefined,
  };
  // The source link stays the body's first line, so it is protected on its own.
  const sourceLine = `[${protectLiquid(escapeLinkText(article.title), { inline: true })}](${escapeUrl(article.url)})`;
  const parts: string[] = [];
  const body = htmlToMarkdown(article.bodyHtml);
  if (article.leadImage && !article.bodyHtml.includes(article.leadImage.url)) {
    parts.push(leadImageMarkdown(article.leadImage, article.title));
  }
  parts.push(body);
  const markdown = [sourceLine, protectLiquid(parts.filter(Boolean).join('\n\n'))].join('\n\n');
  return {
    fileName: postFileName(article, storyId),
    storyId,
    content: `${serializeFrontMatter(frontMatter)}\n${markdown}\n`,
  };
}
