/** Articles as extraction gives them, for the tests of what comes after it (rendering, pictures). */
import type { Article } from '../../src/extract/types.js';

/** A China story of 1 April 2026, unsigned and untagged, with `fields` in place of its own. */
export function storyArticle(fields: Partial<Article> = {}): Article {
  return {
    url: 'https://www.zaobao.com.sg/news/china/story20260401-9700100',
    title: '新闻标题',
    published: Date.parse('2026-04-01T09:00:00+08:00'),
    authors: [],
    tags: [],
    bodyHtml: '<p>第一段。</p>',
    paywalled: false,
    generation: 'sg-react',
    ...fields,
  };
}
