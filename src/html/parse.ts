/**
 * The one place HTML is parsed (feeds are read by rss-parser, sitemaps as a stream of tags in
 * discover/sitemap.ts). cheerio's slim build (htmlparser2) is a fraction of the full build's
 * start-up cost and parses faster; text is serialised as UTF-8, with only the characters HTML
 * needs escaped.
 */
import { load, type Cheerio, type CheerioOptions } from 'cheerio/slim';
import { compile, selectAll, selectOne } from 'css-select';
import { Document, DomHandler, hasChildren, isTag, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';

export type { Cheerio } from 'cheerio/slim';
export type { AnyNode, Document, Element, ParentNode } from 'domhandler';
export { hasChildren, isTag, Text } from 'domhandler';

const HTML_OPTIONS = { encodeEntities: 'utf8' } as CheerioOptions;

/**
 * Work per page is bounded by the size of its tree, checked as it is built: no real page comes
 * near these limits, and the parser's cost per element grows with the depth. Comments and
 * processing instructions are nodes too, and have a limit of their own.
 */
export const MAX_ELEMENTS = 30_000;
export const MAX_DEPTH = 256;
const MAX_OTHER_NODES = 30_000;
/**
 * End tags are counted before parsing: one that closes nothing never reaches the tree, but the
 * parser searches its open elements for each.
 */
const MAX_END_TAGS = 100_000;

/** A page past MAX_ELEMENTS or MAX_DEPTH: not parsed further. */
export class PageTooComplexError extends Error {
  override name = 'PageTooComplexError';
}

/** htmlparser2's tree builder, stopped as soon as the tree passes the limits. */
class BoundedHandler extends DomHandler {
  private elements = 0;
  private depth = 0;
  private others = 0;

  override oncomment(data: string): void {
    this.countOther();
    super.oncomment(data);
  }

  override onprocessinginstruction(name: string, data: string): void {
    this.countOther();
    super.onprocessinginstruction(name, data);
  }

  private countOther(): void {
    if (++this.others > MAX_OTHER_NODES) throw new PageTooComplexError(`page too complex: more than ${MAX_OTHER_NODES.toLocaleString('en')} comments and declarations`);
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.elements > MAX_ELEMENTS) throw new PageTooComplexError(`page too complex: more than ${MAX_ELEMENTS.toLocaleString('en')} elements`);
    if (++this.depth > MAX_DEPTH) throw new PageTooComplexError(`page too complex: elements nested more than ${MAX_DEPTH} deep`);
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

function countEndTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('</'); at !== -1 && count <= MAX_END_TAGS; at = html.indexOf('</', at + 2)) count++;
  return count;
}

function parseBounded(html: string): Document {
  if (countEndTags(html) > MAX_END_TAGS) throw new PageTooComplexError(`page too complex: more than ${MAX_END_TAGS.toLocaleString('en')} end tags`);
  const handler = new BoundedHandler();
  new Parser(handler, { decodeEntities: true }).end(html);
  return handler.root;
}

/**
 * One cheerio instance wraps the nodes of every tree. cheerio's `load` defines a class for each
 * document, whose methods hold that document; V8 keeps such a class alive through young-generation
 * collections, so every page's whole tree was moved to the old generation and stayed there until
 * a full collection (the peak memory and GC time in BENCHMARKS.md). Trees are plain domhandler
 * documents; lookups go through `select` and its kin, never through a selector given to `$`.
 */
const cheerio = load([], HTML_OPTIONS);

/**
 * Nodes as a cheerio selection, or new elements from markup (`$('<p></p>')`). Its methods that
 * take a selector look at the wrapped nodes and their kin; none can reach a page's root (a
 * selector passed to `.add()`, or `:first` across a page, finds nothing).
 */
export function $<T extends AnyNode>(nodes: T | T[]): Cheerio<T>;
export function $(markup: `<${string}`): Cheerio<Element>;
export function $(content: AnyNode | AnyNode[] | string): Cheerio<AnyNode> {
  return cheerio(content as AnyNode[]);
}

/** The HTML of a tree's children (a body's markup), serialised as cheerio does. */
export function innerHtml(root: ParentNode): string {
  return cheerio(root).html() ?? '';
}

/** A whole page; throws PageTooComplexError past the limits. */
export function parseDocument(html: string): Document {
  return parseBounded(html);
}

/** A piece of HTML (an article body), without an implied <html>/<body>; or nodes already parsed. */
export function parseFragment(html: string | AnyNode[]): Document {
  if (typeof html === 'string') return parseBounded(html);
  // Taken out of their old tree at once, then given a root of their own.
  removeNodes(html);
  const root = new Document([]);
  setChildren(root, html);
  return root;
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

/** Every element below `scope` (a document, or an element: itself excluded, as in `.find`) matching `selector`, in document order. */
export function select(scope: AnyNode, selector: string): Cheerio<Element> {
  return cheerio(selectAll<AnyNode, Element>(compiledQuery(selector), scope));
}

/** The first element below `scope` matching `selector` (an empty selection when none does). */
export function selectFirst(scope: AnyNode, selector: string): Cheerio<Element> {
  const element = selectOne<AnyNode, Element>(compiledQuery(selector), scope);
  return cheerio(element ? [element] : []);
}

/** True when some element below `scope` matches `selector`. */
export function exists(scope: AnyNode, selector: string): boolean {
  return selectOne<AnyNode, Element>(compiledQuery(selector), scope) !== null;
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

/** Makes `children` the children of `parent`, linked to it and to each other. */
export function setChildren(parent: ParentNode, children: AnyNode[]): void {
  parent.children = children;
  children.forEach((child, index) => {
    child.parent = parent;
    child.prev = children[index - 1] ?? null;
    child.next = children[index + 1] ?? null;
  });
}

function depthOf(node: AnyNode): number {
  let depth = 0;
  for (let parent = node.parent; parent; parent = parent.parent) depth++;
  return depth;
}

/**
 * Replaces each key by its list of nodes (none: removal), or by its children ('unwrap'), every
 * parent's children rebuilt once. Cheerio's removal searches and splices its parent's children
 * per node, which costs the square of their number when many siblings go; this costs their
 * number. The deepest parents are rebuilt first, so that an unwrapped node inside another
 * brings its new children along.
 */
export function replaceNodes(replacements: ReadonlyMap<AnyNode, AnyNode[] | 'unwrap'>): void {
  const parents = [...new Set([...replacements.keys()].flatMap((node) => (node.parent ? [node.parent] : [])))];
  const depths = new Map(parents.map((parent) => [parent, depthOf(parent)]));
  parents.sort((a, b) => depths.get(b)! - depths.get(a)!);
  const placed = new Set<AnyNode>();
  for (const parent of parents) {
    const children = parent.children.flatMap((child) => {
      const replacement = replacements.get(child) ?? [child];
      return replacement === 'unwrap' ? (hasChildren(child) ? child.children : []) : replacement;
    });
    setChildren(parent, children);
    for (const child of children) placed.add(child);
  }
  for (const node of replacements.keys()) {
    if (placed.has(node)) continue;
    node.parent = null;
    node.prev = null;
    node.next = null;
  }
}

/** Removes every node given. */
export function removeNodes(nodes: Iterable<AnyNode>): void {
  replaceNodes(new Map([...nodes].map((node) => [node, []])));
}
