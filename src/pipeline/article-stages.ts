/**
 * The stages that turn a fetched page into a post: extract → convert → write. They carry the
 * heavy modules (HTML parsing, Turndown, YAML), so the fetch run loads them while its first
 * requests are in flight instead of before them.
 */
export { extractArticle } from '../extract/index.js';
export { articleFromFeedItem, isWholeArticle } from '../extract/feed-item.js';
export { parseFrontMatter } from '../write/front-matter.js';
export { POST_EXTENSION, postFileStem, renderPost } from '../write/post.js';
