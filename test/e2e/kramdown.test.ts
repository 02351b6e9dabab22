/**
 * The Markdown zb-scrape writes, read by what Jekyll reads it with: kramdown with its GFM parser
 * (Jekyll's default), from Debian's `jekyll` package, which .ci/run installs. The unit tests
 * say what the Markdown is; these say that kramdown makes of it what the page showed.
 * Without Ruby's kramdown the test is skipped locally, and fails in CI.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../src/convert/markdown.js';

const RENDER = `
require "json"; require "kramdown"; require "kramdown-parser-gfm"
docs = JSON.parse($stdin.read)
puts JSON.generate(docs.map { |text| Kramdown::Document.new(text, input: "GFM", hard_wrap: false).to_html })
`;
const hasKramdown = spawnSync('ruby', ['-e', 'require "kramdown"; require "kramdown-parser-gfm"'], { stdio: 'ignore' }).status === 0;
if (!hasKramdown && process.env.CI) throw new Error('CI must install jekyll, which brings kramdown (see .ci/run)');

/** Each body through htmlToMarkdown, then all of them through one kramdown process. */
function rendered(...bodies: string[]): string[] {
  const result = spawnSync('ruby', ['-e', RENDER], { input: JSON.stringify(bodies.map((html) => htmlToMarkdown(html))), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as string[]).map((html) => html.replace(/\n\s*/g, ''));
}

describe.skipIf(!hasKramdown)('Markdown as Jekyll renders it', () => {
  it('keeps an ordered list\'s first number', () => {
    const [html] = rendered('<p>上文</p><ol start="3"><li>丙</li><li>丁</li></ol>');
    expect(html).toBe('<p>上文</p><ol start="3"><li>丙</li><li>丁</li></ol>');
  });

  it('leaves straight quotes, pipes, dollars and angle brackets in text as they were', () => {
    const [quotes, pipes, dollars, angles] = rendered('<p>引号"quoted"与\'单\'</p>', '<p>甲 | 乙 | 丙</p>', '<p>价格$$100$$</p>', '<p>&lt;b&gt;不是粗体&lt;/b&gt;</p>');
    expect(quotes).toBe('<p>引号"quoted"与\'单\'</p>');
    expect(pipes).toBe('<p>甲 | 乙 | 丙</p>');
    expect(dollars).toBe('<p>价格$$100$$</p>');
    expect(angles).toBe('<p>&lt;b&gt;不是粗体&lt;/b&gt;</p>');
  });

  it('keeps indented paragraphs as text, and dashes, dots, guillemets, tildes and colons as typed', () => {
    const cases: Array<[string, string]> = [
      ['<p>　　3. 有关调查预计持续数月。</p>', '<p>3. 有关调查预计持续数月。</p>'],
      ['<p>　　- 业界人士：不乐观。</p>', '<p>- 业界人士：不乐观。</p>'],
      ['<p>&nbsp;# 1 关注点</p>', '<p># 1 关注点</p>'],
      ['<p>　　---</p>', '<p>---</p>'],
      ['<p>第一行<br>　　2. 第二行</p>', '<p>第一行<br />2. 第二行</p>'],
      ['<p>2020--2021年，等等...</p>', '<p>2020--2021年，等等...</p>'],
      ['<p>&lt;&lt;联合早报&gt;&gt;与~~删~~</p>', '<p>&lt;&lt;联合早报&gt;&gt;与~~删~~</p>'],
      ['<p>上文</p><p>: 不是定义</p>', '<p>上文</p><p>: 不是定义</p>'],
    ];
    const html = rendered(...cases.map(([body]) => body));
    cases.forEach(([body, expected], index) => expect(html[index], body).toBe(expected));
  });

  it('renders tables, struck text, links with brackets and superscripts', () => {
    const [table, struck, link, sup] = rendered(
      '<table><tr><th>城市</th><th>人口</th></tr><tr><td>上海</td><td>2487<br>万</td></tr></table>',
      '<p><del>删除</del>与<s>划掉</s></p>',
      '<p><a href="https://example.com/a_(b)">链接</a></p>',
      '<p>H<sub>2</sub>O 与 m<sup>2</sup></p>',
    );
    expect(table).toBe('<table><thead><tr><th>城市</th><th>人口</th></tr></thead><tbody><tr><td>上海</td><td>2487 万</td></tr></tbody></table>');
    expect(struck).toBe('<p><del>删除</del>与<del>划掉</del></p>');
    expect(link).toBe('<p><a href="https://example.com/a_%28b%29">链接</a></p>');
    expect(sup).toBe('<p>H<sub>2</sub>O 与 m<sup>2</sup></p>');
  });
});
