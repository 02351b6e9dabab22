/**
 * Front matter, serialised by the `yaml` library in YAML 1.1 mode: Jekyll reads front
 * matter with a YAML 1.1 parser, so strings such as `yes`, `on` or `1.5` must be quoted.
 */
import YAML from 'yaml';

export interface FrontMatter {
  layout: string;
  title: string;
  /** `2021-06-05 22:46:00 +0800` */
  date: string;
  author: string;
  from: string;
  tags: string[];
  categories: string[];
  updated?: string;
  image?: string;
  excerpt?: string;
  story_id?: string;
  paywalled?: boolean;
  /** `feed` when the body came from the feed item rather than the page. */
  source?: string;
  /** `generic` when no known page layout matched and the fallback extractor was used. */
  extractor?: string;
  /** Hugo only: the URL slug, the same as the file name's. */
  slug?: string;
}

/** Key order is part of the contract (documented in the README); optional keys only when they say something. */
const KEY_ORDER: readonly (keyof FrontMatter)[] = [
  'layout', 'title', 'date', 'author', 'from', 'tags', 'categories',
  'updated', 'image', 'excerpt', 'story_id', 'paywalled', 'source', 'extractor', 'slug',
];

export function serializeFrontMatter(frontMatter: FrontMatter): string {
  const ordered: Record<string, unknown> = {};
  for (const key of KEY_ORDER) {
    const value = frontMatter[key];
    if (value === undefined || value === false) continue;
    ordered[key] = value;
  }
  const yaml = YAML.stringify(ordered, { version: '1.1', lineWidth: 0 });
  return `---\n${yaml}---\n`;
}

/** Reads a post's front matter back (for `--update` and for indexing foreign file names). */
export function parseFrontMatter(text: string): Record<string, unknown> | undefined {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return undefined;
  try {
    const value: unknown = YAML.parse(match[1]!, { version: '1.1' });
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
