/**
 * The one place HTML and XML are parsed. cheerio's slim build (htmlparser2) is a fraction of
 * the full build's start-up cost and parses faster; text is serialised as UTF-8, with only
 * the characters HTML needs escaped.
 */
import { load, type CheerioAPI, type CheerioOptions } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';

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
