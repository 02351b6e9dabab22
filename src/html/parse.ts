/**
 * The one place HTML is parsed (feeds are read by rss-parser, sitemaps as a stream of tags in
 * discover/sitemap.ts). cheerio's slim build (htmlparser2) is a fraction of the full build's
 * start-up cost and parses faster; text is serialised as UTF-8, with only the characters HTML
 * needs escaped.
 */
import { load, type Cheerio, type CheerioAPI, type CheerioOptions } from 'cheerio/slim';
import { compile, selectAll, selectOne } from 'css-select';
import { hasChildren, isTag, type AnyNode, type Element } from 'domhandler';

export type { CheerioAPI } from 'cheerio/slim';
export type { AnyNode, Element } from 'domhandler';
export { isTag } from 'domhandler';

const HTML_OPTIONS = { encodeEntities: 'utf8' } as CheerioOptions;

/** A whole page. */
export function parseDocument(html: string): CheerioAPI {
  return load(html, HTML_OPTIONS);
}

/** A piece of HTML (an article body), without an implied <html>/<body>; or nodes already parsed. */
export function parseFragment(html: string | AnyNode[]): CheerioAPI {
  return load(html, HTML_OPTIONS, false);
}

type CompiledQuery = ReturnType<typeof compile<AnyNode, Element>>;

/**
 * Selectors compiled once, by their text. Cheerio parses and compiles a selector's text on
 * every call, and extracting a page makes a few hundred lookups with a few dozen selectors:
 * compiling them once saves repeating that work on every page.
 */
const compiledQueries = new Map<string, CompiledQuery>();

function compiledQuery(selector: string): CompiledQuery {
  let query = compiledQueries.get(selector);
  if (!query) compiledQueries.set(selector, (query = compile<AnyNode, Element>(selector)));
  return query;
}

/** Where to look: the whole document, or below one node (the node itself excluded, as in `.find`). */
function scope($: CheerioAPI, within: AnyNode | undefined): AnyNode | AnyNode[] {
  return within ?? $.root().get();
}

/** Every element matching `selector`, in document order. */
export function select($: CheerioAPI, selector: string, within?: AnyNode): Cheerio<Element> {
  return $(selectAll<AnyNode, Element>(compiledQuery(selector), scope($, within)));
}

/** The first element matching `selector` (an empty selection when none does). */
export function selectFirst($: CheerioAPI, selector: string, within?: AnyNode): Cheerio<Element> {
  const element = selectOne<AnyNode, Element>(compiledQuery(selector), scope($, within));
  return $(element ? [element] : []);
}

/** True when some element in the document, or below `within`, matches `selector`. */
export function exists($: CheerioAPI, selector: string, within?: AnyNode): boolean {
  return selectOne<AnyNode, Element>(compiledQuery(selector), scope($, within)) !== null;
}

/** True when the node is an element that matches `selector`. */
export function matches(node: AnyNode, selector: string): boolean {
  return isTag(node) && compiledQuery(selector)(node);
}

/** The element children of a node with one of these tag names, in order. */
export function childElements(node: AnyNode, ...names: string[]): Element[] {
  return hasChildren(node) ? node.children.filter((child): child is Element => isTag(child) && names.includes(child.name)) : [];
}

/** Calls `visit` for every node below `roots` (and the roots), parents before children. */
export function forEachNode(roots: readonly AnyNode[], visit: (node: AnyNode) => void): void {
  for (const node of roots) {
    visit(node);
    if (hasChildren(node)) forEachNode(node.children, visit);
  }
}
