import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { $, childElements, exists, forEachNode, innerHtml, matches, PageTooComplexError, parseDocument, parseFragment, replaceNodes, select, selectFirst, type AnyNode } from '../../src/html/parse.js';

const PAGE = `<html><head><meta name="keywords" content="a,b"><meta property="og:title" content="OG"></head>
<body><div id="outer" class="box"><p class="x">one</p><div class="box"><p>two <img src="i.png"></p></div></div>
<p class="x">three<small>s</small><img src="j.png"></p><script src="a.js"></script><script>var x = 1;</script></body></html>`;

/** Each element's outer HTML: the same markup whichever tree it was found in. */
const outer = (elements: ArrayLike<AnyNode>) => Array.from(elements, (element) => $(element).prop('outerHTML'));

describe('compiled selectors', () => {
  it('find what cheerio finds, in document order', () => {
    const document = parseDocument(PAGE);
    const cheerio = load(PAGE);
    for (const selector of ['p', '.box p', 'p.x', 'script:not([src])', 'meta[property="og:title"], meta[name="keywords"]', 'body *', 'div > p']) {
      expect(outer(select(document, selector)), selector).toEqual(outer(cheerio(selector)));
      expect(outer(selectFirst(document, selector)), selector).toEqual(outer(cheerio(selector).first()));
    }
  });

  it('look below a node without matching the node itself, as .find does', () => {
    const document = parseDocument(PAGE);
    const outerBox = selectFirst(document, '#outer').get(0)!;
    expect(select(outerBox, '.box').toArray()).toEqual($(outerBox).find('.box').toArray());
    expect(exists(outerBox, 'img')).toBe(true);
    expect(exists(outerBox, '#outer')).toBe(false);
    expect(exists(document, 'table')).toBe(false);
    expect(selectFirst(document, 'table').length).toBe(0);
  });

  it('test one element against a selector, ancestors included', () => {
    const document = parseDocument(PAGE);
    const [inner] = select(document, '.box .box p').toArray();
    expect(matches(inner!, '.box p')).toBe(true);
    expect(matches(inner!, 'body > p')).toBe(false);
    expect(matches(inner!.children[0]!, 'p')).toBe(false); // a text node is no element
  });
});

describe('one cheerio for every tree', () => {
  it('wraps nodes of any tree, and makes new elements from markup', () => {
    const first = parseFragment('<p>一</p>');
    const second = parseDocument('<html><body><p>二</p></body></html>');
    expect($(first).text()).toBe('一');
    expect($(select(second, 'p').get(0)!).text()).toBe('二');
    const figure = $('<figure></figure>').append($('<figcaption></figcaption>').text('说明 & "引号"'));
    expect(figure.prop('outerHTML')).toBe('<figure><figcaption>说明 &amp; "引号"</figcaption></figure>');
  });

  it('gives nodes already parsed a root of their own, out of their old tree', () => {
    const document = parseDocument(PAGE);
    const paragraphs = select(document, 'p.x').toArray();
    const fragment = parseFragment(paragraphs);
    expect(innerHtml(fragment)).toBe('<p class="x">one</p><p class="x">three<small>s</small><img src="j.png"></p>');
    for (const paragraph of paragraphs) expect(paragraph.parent).toBe(fragment);
    expect(exists(document, 'p.x')).toBe(false);
  });

  it('writes text as UTF-8, escaping only what HTML needs', () => {
    expect(innerHtml(parseFragment('<p title="a&quot;b">中文&nbsp;&amp;&lt;</p>'))).toBe('<p title="a&quot;b">中文&nbsp;&amp;&lt;</p>');
  });
});

describe('tree walks', () => {
  it('list child elements by tag name, in order', () => {
    const paragraph = select(parseDocument(PAGE), 'p.x').get(1)!;
    expect(childElements(paragraph, 'img', 'small').map((element) => element.name)).toEqual(['small', 'img']);
    expect(childElements(paragraph, 'table')).toEqual([]);
  });

  it('visit parents before children', () => {
    const document = parseDocument('<div><p>a<b>b</b></p>c</div>');
    const seen: string[] = [];
    forEachNode(select(document, 'div').toArray(), (node) => seen.push(node.type === 'text' ? `"${node.data}"` : (node as { name: string }).name));
    expect(seen).toEqual(['div', 'p', '"a"', 'b', '"b"', '"c"']);
  });
});

describe('replacing nodes in one pass per parent', () => {
  it('removes, unwraps (nested too) and swaps, and keeps the tree linked', () => {
    const body = parseFragment('<p><a id="x"><a id="y">字</a></a><b>1</b><i>2</i><u>3</u></p>');
    const one = (selector: string) => selectFirst(body, selector).get(0)!;
    const [x, y] = [one('#x'), one('#y')];
    const [b, i, u] = [one('b'), one('i'), one('u')];
    replaceNodes(new Map<AnyNode, AnyNode[] | 'unwrap'>([[x, 'unwrap'], [y, 'unwrap'], [b, []], [i, [u]], [u, [i]]]));
    expect(innerHtml(body)).toBe('<p>字<u>3</u><i>2</i></p>');
    const paragraph = one('p');
    expect(paragraph.children.map((child) => child.parent)).toEqual([paragraph, paragraph, paragraph]);
    expect(paragraph.children[1]!.prev).toBe(paragraph.children[0]);
    expect(paragraph.children[1]!.next).toBe(paragraph.children[2]);
    expect(b.parent).toBeNull();
  });

  it('refuses trees past the limits before building them', () => {
    expect(() => parseFragment('<div>'.repeat(300))).toThrow(PageTooComplexError);
    expect(() => parseFragment('x<!---->'.repeat(40_000))).toThrow('page too complex: more than 30,000 comments and declarations');
    expect(() => parseFragment('<br>'.repeat(40_000))).toThrow('page too complex: more than 30,000 elements');
  });
});

describe('end tags that close nothing', () => {
  it('are counted before parsing, each costing the parser a search of the open elements', () => {
    expect(() => parseDocument(`<p>字</p>${'</b>'.repeat(100_001)}`)).toThrow('page too complex: more than 100,000 end tags');
    expect(select(parseDocument(`<p>字</p>${'</b>'.repeat(1_000)}`), 'p').text()).toBe('字');
  });
});
