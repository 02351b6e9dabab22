/**
 * A post's file name. Kept apart from post.ts, which carries the Markdown and YAML modules,
 * so that the fetch run can choose names without loading them.
 */
import type { Article } from '../extract/types.js';
import { parseStoryRef } from '../site/urls.js';
import { singaporeDay } from '../time/singapore.js';
import type { PostOptions } from './post-options.js';
import { titleSlug } from './slug.js';

export const POST_EXTENSION = '.md';

/** `YYYY-MM-DD-<slug>`: the Singapore day of publication, then the story id or the title's slug. */
export function postFileStem(article: Pick<Article, 'url' | 'title' | 'published'>, options: Pick<PostOptions, 'slug'>): string {
  const storyId = parseStoryRef(article.url)?.id;
  let slug = options.slug === 'title' || !storyId ? titleSlug(article.title) : storyId;
  // A title slug of digits only (a headline such as "2026") would read as a story id when the
  // directory is indexed by file name (write/existing.ts): the story id sets it apart.
  if (slug !== storyId && /^\d+$/.test(slug) && storyId) slug = `${slug}-${storyId}`;
  return `${singaporeDay(article.published)}-${slug}`;
}
