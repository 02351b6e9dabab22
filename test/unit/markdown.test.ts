import { describe, expect, it } from 'vitest';
import { HtmlRenderer, Parser } from 'commonmark';
import { htmlToMarkdown, leadImageMarkdown } from '../../src/convert/markdown.js';

describe('Markdown rules', () => {
  it('figure: the image, then its caption in italics under it', () => {
    expect(htmlToMarkdown('<figure><img src="https://a/b.jpg" alt=""><figcaption>港口。（路透社）</figcaption></figure>')).toBe(
      '![港口。（路透社）](https://a/b.jpg)\n\n*港口。（路透社）*',
    );
  });

  it('lead image with and without a caption', () => {
    expect(leadImageMarkdown({ url: 'https://a/b.jpg', caption: '说明' }, '标题')).toBe('![说明](https://a/b.jpg)\n\n*说明*');
    expect(leadImageMarkdown({ url: 'https://a/b.jpg' }, '标题')).toBe('![标题](https://a/b.jpg)');
  });

  it('lists with one space after the marker, ordered lists keep their start', () => {
    expect(htmlToMarkdown('<ul><li>甲</li><li>乙</li></ul>')).toBe('- 甲\n- 乙');
    // kramdown would number it from 1 without its attribute list; CommonMark reads the first number.
    expect(htmlToMarkdown('<p>上文</p><ol start="3"><li>丙</li><li>丁</li></ol>')).toBe('上文\n\n{: start="3"}\n3. 丙\n4. 丁');
    expect(htmlToMarkdown('<ol start="3"><li>丙</li><li>丁</li></ol>', 'hugo')).toBe('3. 丙\n4. 丁');
    expect(htmlToMarkdown('<ol start="1"><li>甲</li></ol><ol start="x"><li>乙</li></ol>')).not.toContain('{:');
    // Inside a list item kramdown would take the line for the item's text: the list keeps only its numbers.
    expect(htmlToMarkdown('<ol><li>甲<ol start="3"><li>丙</li></ol></li></ol>')).toBe('1. 甲\n   3. 丙');
  });

  it('headings are ATX, blockquotes and emphasis are kept', () => {
    expect(htmlToMarkdown('<h2>市场反应</h2><blockquote><p>“引语。”</p></blockquote><p><strong>粗</strong>与<em>斜</em></p>')).toBe(
      '## 市场反应\n\n> “引语。”\n\n**粗**与*斜*',
    );
  });

  it('tables become GFM tables', () => {
    expect(htmlToMarkdown('<table><tr><th>日期</th><th>活动</th></tr><tr><td>6月15日</td><td>彩排</td></tr></table>')).toBe(
      '| 日期 | 活动 |\n| --- | --- |\n| 6月15日 | 彩排 |',
    );
  });

  it('hard line breaks survive', () => {
    expect(htmlToMarkdown('<p>第一行<br>第二行</p>')).toBe('第一行  \n第二行');
  });

  it('Chinese full-width punctuation gets no escapes and no stray spaces', () => {
    const text = '他说：“这是（试验）！”——【完】《报》、；？';
    expect(htmlToMarkdown(`<p>${text}</p>`)).toBe(text);
  });

  it('strips layout padding (non-breaking and full-width spaces) at paragraph ends', () => {
    expect(htmlToMarkdown('<p>　　段落开头&#160;</p><p>结尾　</p>')).toBe('段落开头\n\n结尾');
  });

  it('escapes line-start markers after a paragraph\'s indent, which is trimmed', () => {
    expect(htmlToMarkdown('<p>　　3. 有关调查</p><p>　　- 业界</p><p>&nbsp;# 关注点</p><p>　　---</p>')).toBe('3\\. 有关调查\n\n\\- 业界\n\n\\# 关注点\n\n\\-\\-\\-');
    expect(htmlToMarkdown('<p>第一行<br>　　2. 第二行</p>')).toBe('第一行  \n2\\. 第二行');
  });

  it('escapes each character of a typographic run (--, ..., >>) and every tilde', () => {
    expect(htmlToMarkdown('<p>2020--2021年，等等...《早报>>和~~删~~与~</p>')).toBe('2020\\-\\-2021年，等等\\.\\.\\.《早报\\>\\>和\\~\\~删\\~\\~与\\~');
    expect(htmlToMarkdown('<p>>> 引</p><p>~~~ 分隔</p>')).toBe('\\>\\> 引\n\n\\~\\~\\~ 分隔');
  });

  it('escapes what Markdown would misread', () => {
    expect(htmlToMarkdown('<p>1. 不是列表</p><p># 不是标题</p><p>*不是强调*</p>')).toBe('1\\. 不是列表\n\n\\# 不是标题\n\n\\*不是强调\\*');
  });

  it('a link URL with brackets, quotes or pipes is percent-encoded, and a title keeps no double quote', () => {
    expect(htmlToMarkdown('<p><a href="https://en.wikipedia.org/wiki/Foo_(bar)">维基</a></p>')).toBe('[维基](https://en.wikipedia.org/wiki/Foo_%28bar%29)');
    expect(htmlToMarkdown('<p><a href="https://example.com/a)b|c">链</a></p>')).toBe('[链](https://example.com/a%29b%7Cc)');
    expect(htmlToMarkdown('<p><a href="https://example.com/" title=\'标题 "引号"\'>链</a></p>')).toBe('[链](https://example.com/ "标题 \'引号\'")');
  });

  it('struck text with two tildes, and $$ escaped from kramdown\'s math', () => {
    expect(htmlToMarkdown('<p><del>删除</del>与<s>划掉</s>和<strike>旧</strike></p>')).toBe('~~删除~~与~~划掉~~和~~旧~~');
    expect(htmlToMarkdown('<p>价格$$100</p>')).toBe('价格\\$\\$100');
  });

  it('a line break in a cell keeps the row on one line; a table Markdown cannot hold stays HTML', () => {
    expect(htmlToMarkdown('<table><tr><th>城市</th><th>人口</th></tr><tr><td>上海</td><td>2487<br>万</td></tr></table>')).toBe(
      '| 城市 | 人口 |\n| --- | --- |\n| 上海 | 2487 万 |',
    );
    const spanning = '<table><tbody><tr><th>城市</th><th>人口</th><th>增长</th></tr><tr><td colspan="2">合计</td><td>1.5%</td></tr></tbody></table>';
    expect(htmlToMarkdown(spanning)).toBe(spanning);
  });

  it('straight double quotes are escaped, so kramdown does not curl them the wrong way after Chinese text', () => {
    expect(htmlToMarkdown('<p>引号"quoted"与</p>')).toBe('引号\\"quoted\\"与');
    expect(htmlToMarkdown("<p>引号'单'与 it's</p>")).toBe("引号\\'单\\'与 it's");
  });

  it('preformatted text without code is a fenced block; superscripts and subscripts stay HTML', () => {
    expect(htmlToMarkdown('<pre>第一行 *星号*\n第二行</pre>')).toBe('```\n第一行 *星号*\n第二行\n```');
    expect(htmlToMarkdown('<pre>第一行<br>第二行<br/>第三行</pre>')).toBe('```\n第一行\n第二行\n第三行\n```');
    expect(htmlToMarkdown('<p>H<sub>2</sub>O 与 m<sup>2</sup></p>')).toBe('H<sub>2</sub>O 与 m<sup>2</sup>');
  });

  it('padding goes at the start of quotes, list items, headings and table cells too', () => {
    expect(htmlToMarkdown('<blockquote><p>\u3000\u3000“引语。”</p></blockquote><ul><li>\u00a0要点一</li></ul><h2>\u00a0小标题</h2>')).toBe('> “引语。”\n\n- 要点一\n\n## 小标题');
    expect(htmlToMarkdown('<ul><li>甲<ul><li>\u3000\u3000丙</li></ul></li></ul>')).toBe('- 甲\n  - 丙');
    expect(htmlToMarkdown('<table><tr><th>\u3000城市</th><th>人口\u00a0</th></tr><tr><td>\u3000上海</td><td>2487</td></tr></table>')).toBe(
      '| 城市 | 人口 |\n| --- | --- |\n| 上海 | 2487 |',
    );
  });

  it('a fenced block keeps its padding and its blank lines', () => {
    expect(htmlToMarkdown('<p>\u3000\u3000诗：</p><pre>\u3000\u3000床前明月光\n\n\n\u3000\u3000疑是地上霜\u3000</pre><p>完。</p>')).toBe(
      '诗：\n\n```\n\u3000\u3000床前明月光\n\n\n\u3000\u3000疑是地上霜\u3000\n```\n\n完。',
    );
    expect(htmlToMarkdown('<pre><code>a\n\n\n\u3000b</code></pre>')).toBe('```\na\n\n\n\u3000b\n```');
  });

  it('links are inline with their text', () => {
    expect(htmlToMarkdown('<p>见<a href="https://www.zaobao.com.sg/a">此处</a></p>')).toBe('见[此处](https://www.zaobao.com.sg/a)');
  });

  it('a figure around a table or a quote keeps its content, with the caption under it', () => {
    expect(htmlToMarkdown('<figure><table><tr><th>甲</th></tr><tr><td>1</td></tr></table><figcaption>表格说明</figcaption></figure>')).toBe(
      '| 甲 |\n| --- |\n| 1 |\n\n*表格说明*',
    );
    expect(htmlToMarkdown('<figure><blockquote><p>引语</p></blockquote><figcaption>出处</figcaption></figure>')).toBe('> 引语\n\n*出处*');
  });

  it('text that looks like HTML stays text', () => {
    expect(htmlToMarkdown('<p>&lt;script&gt;alert(1)&lt;/script&gt; 与 &amp;lt;</p>')).toBe('\\<script>alert(1)\\</script> 与 &amp;lt;');
  });

  it('pipes are escaped, so kramdown does not read a paragraph as a table', () => {
    expect(htmlToMarkdown('<p>价格{{ 100 | plus: 1 }}</p>')).toBe('价格{{ 100 \\| plus: 1 }}');
  });

  it('a hard break after a non-breaking space survives', () => {
    expect(htmlToMarkdown('<p>第一行&#160;<br>第二行</p>')).toBe('第一行  \n第二行');
  });
});

/** Hugo's goldmark follows CommonMark: commonmark.js, its reference parser, stands in for it. */
const commonMark = (markdown: string) => new HtmlRenderer().render(new Parser().parse(markdown)).trim();

describe('Markdown for Hugo (CommonMark)', () => {
  it('emphasis next to full-width punctuation opens and closes', () => {
    const cases: Array<[string, string]> = [
      ['<p>他说<strong>“引语”</strong>指出</p>', '<p>他说“<strong>引语</strong>”指出</p>'],
      ['<p>他<em>（注）</em>说</p>', '<p>他（<em>注</em>）说</p>'],
      ['<p>见<strong><a href="http://a.example/x">链接</a></strong>。</p>', '<p>见<a href="http://a.example/x"><strong>链接</strong></a>。</p>'],
      ['<p>，<strong>“引语”</strong>。</p>', '<p>，<strong>“引语”</strong>。</p>'],
      ['<p><strong>“引语”</strong></p>', '<p><strong>“引语”</strong></p>'],
      // A code span's backtick cannot move: the bold goes, not the text.
      ['<p>代码<strong><code>x</code></strong>在此</p>', '<p>代码<code>x</code>在此</p>'],
      ['<p>代码 <strong><code>x</code></strong> 在此</p>', '<p>代码 <strong><code>x</code></strong> 在此</p>'],
      ['<p>他<span>说<b>“是”</b></span>的</p>', '<p>他说“<strong>是</strong>”的</p>'],
    ];
    for (const [html, rendered] of cases) expect(commonMark(htmlToMarkdown(html, 'hugo')), html).toBe(rendered);
  });

  it('a paragraph indented with full-width spaces stays text, and a tilde strikes nothing', () => {
    const cases: Array<[string, string]> = [
      ['<p>　　3. 有关调查预计持续数月。</p>', '<p>3. 有关调查预计持续数月。</p>'],
      ['<p>　　- 业界人士：不乐观。</p>', '<p>- 业界人士：不乐观。</p>'],
      ['<p>&nbsp;# 1 关注点</p>', '<p># 1 关注点</p>'],
      ['<p>第一行<br>　　2. 第二行</p>', '<p>第一行<br />\n2. 第二行</p>'],
      ['<p>　　~~~ 分隔 ~~~</p><p>后文</p>', '<p>~~~ 分隔 ~~~</p>\n<p>后文</p>'],
      ['<p>气温介于25~30度，明天28~32度</p>', '<p>气温介于25~30度，明天28~32度</p>'],
    ];
    for (const [html, rendered] of cases) expect(commonMark(htmlToMarkdown(html, 'hugo')), html).toBe(rendered);
  });

  it('leaves Jekyll\'s Markdown as kramdown reads it', () => {
    expect(htmlToMarkdown('<p>他说<strong>“引语”</strong>指出</p>')).toBe('他说**“引语”**指出');
  });
});
