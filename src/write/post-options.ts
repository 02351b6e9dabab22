/** How posts are written: format, naming, defaults. Kept apart from rendering so the CLI can read it without loading Turndown. */

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

export const DEFAULT_POST_OPTIONS: PostOptions = {
  flavor: 'jekyll',
  slug: 'id',
  layout: 'post',
  defaultAuthor: '联合早报',
  extraTags: [],
  extraCategories: [],
};

/** Where posts go when --out is not given. */
export const DEFAULT_OUT_DIR: Record<Flavor, string> = { jekyll: '_posts', hugo: 'content/posts' };
