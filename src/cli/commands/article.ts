/** `zb-scrape article <url|file>`: one article as the post fetch would write, on stdout. */
import { readFile, stat } from 'node:fs/promises';
import { ExtractError, extractArticle } from '../../extract/index.js';
import type { Article } from '../../extract/types.js';
import { decodeBody } from '../../fetch/decode.js';
import { FetchError, HttpClient } from '../../fetch/http.js';
import { parseStoryRef, tryParseUrl } from '../../site/urls.js';
import { SiteFetcher } from '../../fetch/site-fetcher.js';
import { createLogger } from '../../log.js';
import { formatIsoSingapore } from '../../time/singapore.js';
import { renderPost } from '../../write/post.js';
import { loadConfig } from '../config.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { ArticleFlags } from '../main.js';
import { resolveNetwork, resolvePostOptions } from '../settings.js';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isFile(), () => false);
}

/** The address --save-pages wrote beside a page it kept (`<story id>.json`), if there is one. */
async function savedPageAddress(file: string): Promise<string | undefined> {
  try {
    const info = JSON.parse(await readFile(file.replace(/\.html?$/i, '.json'), 'utf8')) as { url?: unknown };
    return typeof info.url === 'string' && tryParseUrl(info.url) ? info.url : undefined;
  } catch {
    return undefined;
  }
}

/** A saved page's address: --url, else the page's own og:url/ld+json (found by extraction). */
const SAVED_PAGE_PLACEHOLDER = 'https://www.zaobao.com.sg/';

/** The article as JSON shows its times as people and tools read them, not as epoch milliseconds. */
function readableTimes(article: Article) {
  return {
    ...article,
    published: formatIsoSingapore(article.published),
    updated: article.updated === undefined ? undefined : formatIsoSingapore(article.updated),
  };
}

export async function articleCommand(target: string, flags: ArticleFlags): Promise<number> {
  const config = await loadConfig(flags.config);
  let html: string;
  let address: string;
  if (await isFile(target)) {
    html = decodeBody(await readFile(target));
    address = flags.url ?? (/\.html?$/i.test(target) ? await savedPageAddress(target) : undefined) ?? SAVED_PAGE_PLACEHOLDER;
  } else {
    const url = tryParseUrl(target);
    if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError(`'${target}' is neither a file nor an http(s) URL`);
    const network = resolveNetwork(flags, config);
    const http = new HttpClient(network);
    const log = createLogger('normal');
    try {
      html = (await new SiteFetcher(http, { ...network, log }).get(url.href)).text;
    } catch (error) {
      if (!(error instanceof FetchError)) throw error;
      process.stderr.write(`error: cannot fetch ${url.href}: ${error.reason}\n`);
      return ExitCode.noSource;
    } finally {
      await http.close();
    }
    address = flags.url ?? url.href;
  }
  try {
    const article = extractArticle(html, address);
    // Without its address a post has no `from:`, no story id and no file name of its own.
    if (address === SAVED_PAGE_PLACEHOLDER && !parseStoryRef(article.url)) {
      throw new UsageError(`${target} does not say its address (no og:url or ld+json url): give it with --url`);
    }
    if (article.generation === 'generic') process.stderr.write('warning: no known page layout matched; used the generic extractor\n');
    for (const warning of article.warnings ?? []) process.stderr.write(`warning: ${warning}\n`);
    const post = renderPost(article, resolvePostOptions(flags, config));
    if (flags.json) process.stdout.write(`${JSON.stringify({ fileName: post.fileName, article: readableTimes(article), post: post.content }, null, 2)}\n`);
    else process.stdout.write(post.content);
    return ExitCode.ok;
  } catch (error) {
    if (!(error instanceof ExtractError)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    return ExitCode.partial;
  }
}
