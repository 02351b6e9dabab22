/**
 * The one place HTML and XML are parsed. cheerio's slim build (htmlparser2) is a fraction of
 * the full build's start-up cost and parses faster; text is serialised as UTF-8, with only
 * the characters HTML needs escaped.
 */
import { load, type Cheerio, type CheerioAPI, type CheerioOptions } from 'cheerio/slim';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

export type { CheerioAPI } from 'cheerio/slim';
export type { AnyNode } from 'domhandler';

const HTML_OPTIONS = { encodeEntities: 'utf8' } as CheerioOptions;

/** A whole page. */
export function parseDocument(html: string): CheerioAPI {
  return load(html, HTML_OPTIONS);
}

/** A piece of HTML (an article body), without an implied <html>/<body>; or nodes already parsed. */
export function parseFragment(html: string | AnyNode[]): CheerioAPI {
  return load(html, HTML_OPTIONS, false);
}

/** An XML document (sitemaps). */
export function parseXml(xml: string): CheerioAPI {
  return load(xml, { xml: true });
}

/**
 * A selector compiled once, for the long lists run on every article (noise): cheerio would
 * parse the selector text again on each call.
 */
export function compileSelector(selector: string): ($: CheerioAPI) => Cheerio<Element> {
  const query = compile<AnyNode, Element>(selector);
  return ($) => $(selectAll<AnyNode, Element>(query, $.root().get()));
}
