/**
 * A post rendered and written in one step, where the stages run (the worker thread): the
 * main thread of a run keeps to the network, and never holds a post's text.
 */
import { join } from 'node:path';
import type { Article } from '../extract/types.js';
import { writeFileAtomic } from './atomic.js';
import { renderPost, type PostOptions, type PostProvenance } from './post.js';

export interface SaveTarget {
  /** The output directory; none for a dry run, which writes nothing. */
  dir?: string;
  /** Replace a file of the same name (an update); otherwise an existing file is never replaced. */
  overwrite: boolean;
  /** The text of the post already under this name: the same post again is not rewritten. */
  previousContent?: string;
}

export interface SavedPost {
  fileName: string;
  /** Identical to `previousContent`: nothing was written. */
  unchanged: boolean;
}

export async function savePost(article: Article, options: PostOptions, provenance: PostProvenance, target: SaveTarget): Promise<SavedPost> {
  const post = renderPost(article, options, provenance);
  if (target.previousContent === post.content) return { fileName: post.fileName, unchanged: true };
  if (target.dir) await writeFileAtomic(join(target.dir, post.fileName), post.content, { overwrite: target.overwrite });
  return { fileName: post.fileName, unchanged: false };
}
