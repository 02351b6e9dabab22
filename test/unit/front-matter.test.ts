import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parseFrontMatter, serializeFrontMatter } from '../../src/write/front-matter.js';
import { DEFAULT_POST_OPTIONS } from '../../src/cli/settings.js';
import { storyArticle } from '../helpers/articles.js';
import { protectLiquid, renderPost } from '../../src/write/post.js';

const base = {
  layout: 'post',
  date: '2026-08-08 10:30:00 +0800',
  author: '联合早报',
  from: 'https://www.zaobao.com.sg/news/china/story20260808-9480001',
  tags: ['中国'],
  categories: ['联合早报', '中国'],
};

describe('front matter', () => {
  it.each([
    '独家：组屋转售价格创新高背后',
    'yes',
    'No',
    'on',
    '1.5',
    '2026-08-08',
    'null',
    '~',
    '- 开头是破折号',
    '# 不是注释',
    '他说: "我们会赢"',
    "It's [breaking] {news} & more | 更多 > 少",
    '🎉 emoji 标题',
    '*星号* 与 `反引号` 与 !感叹',
    '%百分号开头',
    '@at',
    'line\nbreak',
  ])('round-trips the title %j through a YAML 1.1 reader', (title) => {
    const text = serializeFrontMatter({ ...base, title, story_id: '9480001' });
    const parsed = YAML.parse(text.slice(4, -4), { version: '1.1' });
    expect(parsed.title).toBe(title);
    expect(parsed.story_id).toBe('9480001');
    expect(parseFrontMatter(`${text}\nbody`)?.title).toBe(title);
  });

  it('writes the keys in the contract order and leaves out empty optional keys', () => {
    const text = serializeFrontMatter({ ...base, title: 't', paywalled: false, image: 'https://static.zaobao.com/a.jpg', story_id: '1' });
    expect(text.split('\n').filter((line) => /^\w/.test(line)).map((line) => line.split(':')[0])).toEqual([
      'layout', 'title', 'date', 'author', 'from', 'tags', 'categories', 'image', 'story_id',
    ]);
    expect(text).toContain('date: 2026-08-08 10:30:00 +0800\n');
  });
});

describe('Liquid protection', () => {
  it('leaves ordinary text alone', () => {
    expect(protectLiquid('普通文字 {not liquid}')).toBe('普通文字 {not liquid}');
  });

  it('wraps text that Liquid would execute in a raw block', () => {
    expect(protectLiquid('价格 {{ price }} 与 {% if %}')).toBe('{% raw %}\n价格 {{ price }} 与 {% if %}\n{% endraw %}');
  });

  it('keeps a literal endraw from closing the protection early', () => {
    const protectedText = protectLiquid('a {% endraw %} b {{ c }}');
    expect(protectedText).toBe('{% raw %}\na {% endraw %}{{ "{" }}% endraw %}{% raw %} b {{ c }}\n{% endraw %}');
  });
});

describe('excerpt', () => {
  const article = storyArticle({
    summary: '编辑写的导语。',
    bodyHtml: '<figure><img src="https://static.zaobao.com/s3fs-public/a.jpg"><figcaption><p>图说。</p></figcaption></figure><p> </p><p>第一段  的\n文字。</p><p>第二段。</p>',
  });
  const excerptOf = (body: string) => {
    const post = renderPost({ ...article, bodyHtml: body }, DEFAULT_POST_OPTIONS).content;
    return (YAML.parse(post.split('---\n')[1]!) as { excerpt?: string }).excerpt;
  };

  it("is the plain text of the story's first paragraph, not a caption nor the title link", () => {
    expect(excerptOf(article.bodyHtml)).toBe('第一段 的 文字。');
    expect(excerptOf('<ul><li>要点一</li></ul><p>正文。</p>')).toBe('要点一');
    expect(excerptOf('没有段落的正文。<br>第二行。')).toBe('没有段落的正文。');
  });

  it("is the editors' summary when the body has no text", () => {
    expect(excerptOf('<figure><img src="https://static.zaobao.com/s3fs-public/a.jpg"></figure>')).toBe('编辑写的导语。');
  });
});
