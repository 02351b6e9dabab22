/**
 * --images download: a post's pictures (its lead picture, those in its body and galleries)
 * kept before the post that shows them is written. A picture that fails leaves its remote
 * link in the post and is reported; the post is written all the same.
 */
import type { Article } from '../extract/types.js';
import { parseFragment, select } from '../html/parse.js';
import type { Logger } from '../log.js';
import { isPictureHost, tryParseUrl } from '../site/urls.js';
import type { PictureStore } from '../write/pictures.js';
import { reasonOf } from './reason.js';

/** The run's count of pictures, for its summary and its progress. */
export interface PictureScore {
  saved: number;
  bytes: number;
  failed: { url: string; post: string; reason: string }[];
}

/** Every picture a post shows, once each, in the order it shows them. */
export function pictureUrls(article: Pick<Article, 'leadImage' | 'bodyHtml'>): string[] {
  const urls = new Set<string>();
  if (article.leadImage) urls.add(article.leadImage.url);
  for (const image of select(parseFragment(article.bodyHtml), 'img').toArray()) {
    const src = image.attribs.src;
    if (src && /^https?:\/\//i.test(src)) urls.add(src);
  }
  return [...urls];
}

/**
 * Keeps the article's pictures in `folder`; returns each kept picture's link by its URL.
 * Pictures on other hosts than the site's are not fetched: their links stay, with a warning.
 */
export async function keepPictures(
  article: Article,
  folder: string,
  { store, score, log, signal }: { store: PictureStore; score: PictureScore; log: Logger; signal?: AbortSignal },
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const urls = pictureUrls(article).filter((url) => {
    if (isPictureHost(tryParseUrl(url)?.hostname ?? '')) return true;
    log.warn(`${article.url}: picture ${url} is not on the site's hosts; not fetched, its link is kept`);
    return false;
  });
  if (!urls.length) return links;
  await Promise.all(
    urls.map(async (url) => {
      try {
        const kept = await store.keep(url, folder);
        links.set(url, kept.link);
        if (kept.fetchedBytes) {
          score.saved++;
          score.bytes += kept.fetchedBytes;
        }
      } catch (error) {
        // Cut short by Ctrl-C: the post is not written, and the next run fetches the story again.
        if (signal?.aborted) return;
        const reason = reasonOf(error);
        score.failed.push({ url, post: article.url, reason });
        log.warn(`${article.url}: picture ${url} not saved (${reason}); the post links it on the site until a run with --images download --update saves it`);
      }
    }),
  );
  return links;
}

/** --dry-run: the links of the article's pictures already kept, as the post would show them; nothing is fetched. */
export function keptPictureLinks(article: Article, folder: string, store: PictureStore): Map<string, string> {
  const links = new Map<string, string>();
  for (const url of pictureUrls(article)) {
    const kept = store.lookup(url, folder);
    if (kept) links.set(url, kept.link);
  }
  return links;
}
