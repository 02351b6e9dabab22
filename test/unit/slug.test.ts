import { describe, expect, it } from 'vitest';
import { postFileStem } from '../../src/write/post.js';
import { MAX_SLUG_BYTES, titleSlug, uniqueName } from '../../src/write/slug.js';

describe('title slugs', () => {
  it.each([
    ['中国7月出口同比增长7.2% 超出市场预期', '中国7月出口同比增长7.2-超出市场预期'],
    ['独家：组屋转售价格创新高背后', '独家-组屋转售价格创新高背后'],
    ['《联合早报》😀报道（更新）', '联合早报-报道-更新'],
    ['？！。', 'article'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a-b-c-d-e-f-g-h-i-j'],
    ['../../etc/passwd', 'etc-passwd'],
    ['tab\tnew\nline\u0000nul\u200bzw', 'tab-new-linenulzw'],
    ['　全角空格　', '全角空格'],
    ['CON', 'article-CON'],
    ['???', 'article'],
    ['{{ liquid }} [x]', 'liquid-x'],
  ])('%j → %j', (title, slug) => {
    expect(titleSlug(title)).toBe(slug);
  });

  // Jekyll's post URL is Utils.slugify of the file name's slug ("pretty" mode, cased): a slug it
  // would change could meet another title's on one URL, and one post would hide the other.
  it('is a slug Jekyll keeps as it is, so that titles differing only in punctuation or emoji get distinct URLs', () => {
    const jekyllSlugify = (slug: string) => slug.replace(/[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '');
    const titles = ['中美会谈：结果', '中美会谈，结果', '中美会谈 结果', '😀😀', '？', '《》', 'Trump\'s "deal" (update)', '7.2%增长…'];
    for (const title of titles) expect(jekyllSlugify(titleSlug(title)), title).toBe(titleSlug(title));
    const taken = new Set<string>();
    const names = titles.map((title) => {
      const name = uniqueName(`2026-01-06-${titleSlug(title)}`, '.md', (candidate) => taken.has(candidate));
      taken.add(name);
      return name;
    });
    expect(new Set(names.map((name) => jekyllSlugify(name.slice(11, -3)))).size).toBe(titles.length);
  });

  it('normalises to NFC', () => {
    expect(titleSlug('Cafe\u0301')).toBe('Café');
  });

  it('caps the slug in bytes without cutting a character', () => {
    const slug = titleSlug('长'.repeat(100));
    expect(Buffer.byteLength(slug)).toBeLessThanOrEqual(MAX_SLUG_BYTES);
    expect(slug).toBe('长'.repeat(40));
  });

  it('adds a suffix on collision', () => {
    const taken = new Set(['2026-03-01-标题.md', '2026-03-01-标题-2.md']);
    expect(uniqueName('2026-03-01-标题', '.md', (name) => taken.has(name))).toBe('2026-03-01-标题-3.md');
    expect(uniqueName('2026-03-01-其他', '.md', (name) => taken.has(name))).toBe('2026-03-01-其他.md');
  });

  it('sets a title slug of digits only apart from a story id', () => {
    const article = { url: 'https://www.zaobao.com/realtime/china/story20240220-4500003', title: '2026', published: Date.parse('2024-02-20T10:00:00+08:00') };
    expect(postFileStem(article, { slug: 'title' })).toBe('2024-02-20-2026-4500003');
    expect(postFileStem({ ...article, title: '2026 展望' }, { slug: 'title' })).toBe('2024-02-20-2026-展望');
    expect(postFileStem(article, { slug: 'id' })).toBe('2024-02-20-4500003');
  });
});
