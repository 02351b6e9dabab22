/**
 * The stages that turn a fetched page into a post: extract → convert → render. They carry the
 * heavy modules (HTML parsing, Turndown, YAML), so a fetch run calls them through a
 * StageRunner (stage-runner.ts), which runs them on a worker thread. Every function takes
 * and returns plain data (or a promise of it), as messages between threads must.
 */
import { decodeBody } from '../fetch/decode.js';
import { extractArticle, type ExtractHints } from '../extract/index.js';
import type { Article } from '../extract/types.js';

export { articleFromFeedItem, isWholeArticle } from '../extract/feed-item.js';
export { parseFrontMatter } from '../write/front-matter.js';
export { renderPost } from '../write/post.js';
export { savePost } from '../write/save-post.js';

/** An article page as it came over the wire: decoded here, so that only the stages' thread holds its text. */
export function extractArticlePage(bytes: Uint8Array, contentType: string, url: string, hints: ExtractHints): Article {
  return extractArticle(decodeBody(bytes, contentType), url, hints);
}
