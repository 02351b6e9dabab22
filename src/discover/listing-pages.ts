/** Paginated listings (`?page=N`), walked by backfills where the site has no sitemaps. */

/** Pages of a paginated listing (`?page=N`) read at most, when sitemaps are missing. */
export const MAX_LISTING_PAGES = 50;

/** The URL of page `page` of a listing (`/news/china?page=3`). */
export function listingPageUrl(listingUrl: string, page: number): string {
  const url = new URL(listingUrl);
  url.searchParams.set('page', String(page));
  return url.href;
}
