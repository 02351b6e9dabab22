import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../index.js';
import { checkPage, fixtureDir, fixturePage, loadSuite } from '../../../../test/helpers/expected-pages.js';
import { readHydrationArticle } from './hydration.js';

const reactUrl = 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001';

describe('sg-react fixture pages', () => {
  it.each(loadSuite(fixtureDir('sg-react')))('%s', (file, expectation, html) => checkPage(file, expectation, html));
});

describe('sg-react pages', () => {
  it('sets apart the names of a byline that comes as one string in the hydration JSON', () => {
    const react = fixturePage('sg-react', 'sg-react-2026.html').replace('\\"byline\\": [{\\"name\\": \\"张伟明\\"}]', '\\"byline\\": \\"文／陈可欣 图／李明\\"');
    expect(react).toContain('陈可欣');
    expect(extractArticle(react, reactUrl).authors).toEqual(['陈可欣']);
  });

  it('decodes entities left in JSON tags and captions', () => {
    const react = fixturePage('sg-react', 'sg-react-2026.html')
      .replace('{\\"name\\": \\"新加坡\\"}', '{\\"name\\": \\"AT&amp;T\\"}')
      .replace('金管局发布声明（法新社）', '金管局发布&quot;声明&quot;（法新社）');
    const sg = extractArticle(react, reactUrl);
    expect(sg.tags[0]).toBe('AT&T');
    expect(sg.leadImage?.caption).toBe('金管局发布"声明"（法新社）');
  });

  it('drops the site\'s "expend icon" images on every generation', () => {
    const react = fixturePage('sg-react', 'sg-react-2026.html')
      .replace(String.raw`\u003csmall>金管局大楼外观`, String.raw`\u003cimg alt=\\\"expend icon\\\" src=\\\"/_web2/assets/expand-icon.svg\\\">\u003csmall>金管局大楼外观`);
    expect(react).toContain('expend icon');
    const article = extractArticle(react, reactUrl);
    expect(article.generation).toBe('sg-react');
    const body = article.bodyHtml;
    expect(body).toContain('金管局大楼外观');
    expect(body).not.toContain('expand-icon');
  });

  it('takes a React story served with its lead paragraph only for a premium one', () => {
    const react = fixturePage('sg-react', 'sg-react-2026.html');
    expect(extractArticle(react, reactUrl).paywalled).toBe(false);
    const cut = react.replace(/body_cn\\": \\"[^]*?(?=\\", \\")/, 'body_cn\\": \\"\\u003cp>新加坡金融管理局周五宣布维持货币政策不变。\\u003c/p>');
    expect(cut).not.toBe(react);
    // A short free story is one paragraph too: a page that says it is free is taken at its word.
    expect(cut).toContain('"isAccessibleForFree": true');
    expect(extractArticle(cut, reactUrl)).toMatchObject({ generation: 'sg-react', paywalled: false });
    const undeclared = cut.replace('"isAccessibleForFree": true, ', '');
    expect(undeclared).not.toContain('isAccessibleForFree');
    expect(extractArticle(undeclared, reactUrl)).toMatchObject({ generation: 'sg-react', paywalled: true });
  });

  it('reads a React page whose hydration script is missing from its rendered copy and ld+json, as sg-react', () => {
    const react = fixturePage('sg-react', 'sg-react-2026.html');
    const withoutHydration = react.replace(/<script>window\.__staticRouterHydrationData[^]*?<\/script>/, '');
    expect(withoutHydration).not.toContain('__staticRouterHydrationData');
    const full = extractArticle(react, reactUrl);
    const rendered = extractArticle(withoutHydration, reactUrl);
    expect(rendered).toMatchObject({ generation: 'sg-react', title: full.title, published: full.published, authors: full.authors });
    expect(rendered.bodyHtml).not.toMatch(/广告|bff-google-ad/);
  });
});

describe('hydration payload', () => {
  const wrap = (literal: string) => `window.__staticRouterHydrationData = JSON.parse(${literal});`;

  it('decodes the JSON document inside a double-quoted JS string', () => {
    const data = { loaderData: { '0-0': { context: { payload: { article: { headline: '标题 "引号"', create_time: 1, body_cn: '<p>正文</p>' } } } } } };
    const literal = JSON.stringify(JSON.stringify(data)).replace(/</g, '\\u003c');
    expect(readHydrationArticle([wrap(literal)])).toMatchObject({ headline: '标题 "引号"', create_time: 1, body_cn: '<p>正文</p>' });
  });

  it('decodes single-quoted literals with \\x and \\\' escapes', () => {
    const literal = `'{"loaderData":{"a":{"context":{"payload":{"article":{"headline":"It\\'s \\x41"}}}}}}'`;
    expect(readHydrationArticle([wrap(literal)])?.headline).toBe("It's A");
  });

  it('ignores a malformed payload and odd field types instead of failing', () => {
    expect(readHydrationArticle([wrap('"{not json"')])).toBeUndefined();
    const literal = JSON.stringify(JSON.stringify({ loaderData: { x: { context: { payload: { article: { headline: 'ok', tags: 'oops' } } } } } }));
    expect(readHydrationArticle([wrap(literal)])).toMatchObject({ headline: 'ok', tags: undefined });
  });
});

describe('hydration payload, harder cases', () => {
  it('finds the assignment after an earlier mention of the name', () => {
    const data = JSON.stringify({ loaderData: { a: { context: { payload: { article: { headline: '后面' } } } } } });
    const script = `if (!window.__staticRouterHydrationData) {} window.__staticRouterHydrationData = JSON.parse(${JSON.stringify(data)});`;
    expect(readHydrationArticle([script])?.headline).toBe('后面');
  });

  it('reads a plain object assignment followed by other statements', () => {
    const data = JSON.stringify({ loaderData: { a: { context: { payload: { article: { headline: '对象 {括号}' } } } } } });
    expect(readHydrationArticle([`window.__staticRouterHydrationData = ${data};window.__other = {};`])?.headline).toBe('对象 {括号}');
  });
});
