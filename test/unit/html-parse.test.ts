import { describe, expect, it } from 'vitest';
import { childElements, exists, forEachNode, matches, PageTooComplexError, parseDocument, parseFragment, replaceNodes, select, selectFirst, type AnyNode } from '../../src/html/parse.js';

const PAGE = `<html><head><meta name="keywords" content="a,b"><meta property="og:title" content="OG"></head>
<body><div id="outer" class="box"><p class="x">one</p><div class="box"><p>two <img src="i.png"></p></div></div>
<p class="x">three<small>s</small><img src="j.png"></p><script src="a.js"></script><script>var x = 1;</script></body></html>`;

describe('compiled selectors', () => {
  it('find what cheerio finds, in document order', () => {
    const $ = parseDocument(PAGE);
    for (const selector of ['p', '.box p', 'p.x', 'script:not([src])', 'meta[property="og:title"], meta[name="keywords"]', 'body *', 'div > p']) {
      expect(select($, selector).toArray(), selector).toEqual($(selector).toArray());
      expect(selectFirst($, selector).toArray(), selector).toEqual($(selector).first().toArray());
    }
  });

  it('look below a node without matching the node itself, as .find does', () => {
    const $ = parseDocument(PAGE);
    const outer = $('#outer').get(0)!;
    expect(select($, '.box', outer).toArray()).toEqual($(outer).find('.box').toArray());
    expect(exists($, 'img', outer)).toBe(true);
    expect(exists($, '#outer', outer)).toBe(false);
    expect(exists($, 'table')).toBe(false);
    expect(selectFirst($, 'table').length).toBe(0);
  });

  it('test one element against a selector, ancestors included', () => {
    const $ = parseDocument(PAGE);
    const [inner] = $('.box .box p').toArray();
    expect(matches(inner!, '.box p')).toBe(true);
    expect(matches(inner!, 'body > p')).toBe(false);
    expect(matches($('.box p').get(0)!.children[0]!, 'p')).toBe(false); // a text node is no element
  });
});

describe('tree walks', () => {
  it('list child elements by tag name, in order', () => {
    const $ = parseDocument(PAGE);
    const paragraph = $('p.x').get(1)!;
    expect(childElements(paragraph, 'img', 'small').map((element) => element.name)).toEqual(['small', 'img']);
    expect(childElements(paragraph, 'table')).toEqual([]);
  });

  it('visit parents before children', () => {
    const $ = parseDocument('<div><p>a<b>b</b></p>c</div>');
    const seen: string[] = [];
    forEachNode($('div').toArray(), (node) => seen.push(node.type === 'text' ? `"${node.data}"` : (node as { name: string }).name));
    expect(seen).toEqual(['div', 'p', '"a"', 'b', '"b"', '"c"']);
  });
});

describe('replacing nodes in one pass per parent', () => {
  it('removes, unwraps (nested too) and swaps, and keeps the tree linked', () => {
    const $ = parseFragment('<p><a id="x"><a id="y">字</a></a><b>1</b><i>2</i><u>3</u></p>');
    const [x, y] = [$('#x').get(0)!, $('#y').get(0)!];
    const [b, i, u] = [$('b').get(0)!, $('i').get(0)!, $('u').get(0)!];
    replaceNodes(new Map<AnyNode, AnyNode[] | 'unwrap'>([[x, 'unwrap'], [y, 'unwrap'], [b, []], [i, [u]], [u, [i]]]));
    expect($.html()).toBe('<p>字<u>3</u><i>2</i></p>');
    const paragraph = $('p').get(0)!;
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
    expect(parseDocument(`<p>字</p>${'</b>'.repeat(1_000)}`)('p').text()).toBe('字');
  });
});
