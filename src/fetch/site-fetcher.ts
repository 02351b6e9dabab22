/**
 * Requests by public URL: Zaobao URLs are fetched from the mirror origin when there is one,
 * and the site's robots.txt is respected unless the user opts out.
 */
import type { Logger } from '../log.js';
import { isPictureHost, isSiteAddress, isSiteHost, pathOnSite, toFetchUrl } from '../site/urls.js';
import { FetchError, RedirectError, type DownloadOptions, type GetOptions, type HttpClient, type HttpResponse } from './http.js';
import { isPrivateHost } from './private-address.js';
import { unreachableAdvice } from './unreachable.js';
import type { CachedRobots } from './validator-store.js';
import robotsParserModule from 'robots-parser';

/**
 * RFC 9309 (2.4): a robots.txt may be cached for up to 24 hours. Within that time a run uses
 * the copy an earlier run read, and its feed leaves without waiting a round trip for it.
 */
export const ROBOTS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The most a picture may weigh: the site's largest photographs are a few megabytes. */
export const MAX_PICTURE_BYTES = 20 * 1024 * 1024;
const PICTURE_ACCEPT = 'image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1';

/** Where robots.txt is kept between runs (the state file). */
export interface RobotsCache {
  robotsTxt(url: string): CachedRobots | undefined;
  setRobotsTxt(url: string, text: string, fetchedAt: number): void;
}

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
}
type RobotsParser = (url: string, robotsTxt: string) => Robots;
// The package is CommonJS (`module.exports = function`); its types describe an ES default export.
const robotsParser = robotsParserModule as unknown as RobotsParser;

export class RobotsDeniedError extends FetchError {
  constructor(url: string) {
    super(`disallowed by robots.txt: ${url}`);
  }
}

/** A page not fetched because robots.txt could not be read: a failure the next run retries, with no stand-in. */
export class RobotsUnreachableError extends FetchError {}

/** Rules read from a robots.txt, matched on the host they were read for. */
interface RobotsRules {
  parsed: Robots;
  origin: string;
}

/**
 * A robots.txt that could not be read (a 5xx, a timeout, a network error) with no copy kept:
 * RFC 9309 (2.3.1.4) asks a crawler to assume complete disallow. Unlike a disallowed page, a
 * page refused for this is a failure: the next run tries it again.
 */
interface RobotsUnreachable {
  unreachable: string;
  robotsUrl: string;
}

export interface SiteFetcherOptions {
  origin?: URL;
  /** Check the site's robots.txt before fetching a Zaobao URL. */
  respectRobots: boolean;
  userAgent: string;
  log: Logger;
  /** robots.txt read by earlier runs; without it, every run reads robots.txt again. */
  robotsCache?: RobotsCache;
}

export class SiteFetcher {
  /** robots.txt per address it is fetched from, fetched once. */
  private readonly robots = new Map<string, Promise<RobotsRules | RobotsUnreachable | undefined>>();
  /** robots.txt files whose being unreachable has been told (once each). */
  private readonly toldUnreachable = new Set<string>();
  /** The product token robots.txt groups are matched against (`zb-scrape`). */
  private readonly robotsAgent: string;

  constructor(
    readonly http: HttpClient,
    private readonly options: SiteFetcherOptions,
  ) {
    this.robotsAgent = options.userAgent.split(/[\s/]/)[0] || 'zb-scrape';
  }

  get origin(): URL | undefined {
    return this.options.origin;
  }

  /**
   * GET a public URL (from the origin when it is a Zaobao URL); throws FetchError. A request to
   * the site stays on it: a redirect elsewhere would make another host's page a post under the
   * site's address, and reach hosts the run must never fetch.
   */
  async get(publicUrl: string, options: Omit<GetOptions, 'redirect'> = {}): Promise<HttpResponse> {
    const url = new URL(publicUrl);
    const checkRobots = this.options.respectRobots && isSiteHost(url.hostname);
    if (checkRobots) await this.checkRobots(url);
    const start = toFetchUrl(url, this.options.origin);
    // Each redirect's target is a page of the site too, and is checked the same way.
    const beforeFollowing = checkRobots ? (next: URL) => this.checkRobots(this.publicAddress(next, url)) : undefined;
    return this.http.getText(start, { ...options, redirect: this.redirectPolicy(start, beforeFollowing) });
  }

  /**
   * A picture of the site, streamed to `read`: only from the site's hosts and its image hosts
   * (on the mirror when there is one), redirects included, as robots.txt allows, at most
   * MAX_PICTURE_BYTES.
   */
  async getPicture<T>(publicUrl: string, read: DownloadOptions<T>['read']): Promise<T> {
    const url = new URL(publicUrl);
    const { origin, respectRobots } = this.options;
    if (!/^https?:$/.test(url.protocol) || !isPictureHost(url.hostname)) throw new FetchError(`not a picture host of the site: ${url.host}`);
    if (respectRobots) await this.checkRobots(url);
    const redirect = async (location: URL) => {
      const next = toFetchUrl(location, origin);
      if (!isPictureHost(next.hostname) && !isSiteAddress(next, origin)) throw new RedirectError(`redirected off the site's picture hosts, to ${next.origin}`);
      if (respectRobots) await this.checkRobots(this.publicAddress(next, url));
      return next;
    };
    return this.http.download(toFetchUrl(url, origin), { accept: PICTURE_ACCEPT, maxBytes: MAX_PICTURE_BYTES, read, redirect });
  }

  /**
   * Redirects onto a Zaobao host are followed on the mirror; from the site, none leads off it.
   * From another host (a feed on an RSSHub instance), a redirect may go to any public host, but
   * into a private, loopback or link-local address only when the feed itself was given there.
   * `beforeFollowing` may refuse a target by throwing.
   */
  private redirectPolicy(start: URL, beforeFollowing?: (next: URL) => Promise<void>): (location: URL) => Promise<URL> {
    const onSite = isSiteAddress(start, this.options.origin);
    let startIsPrivate: Promise<boolean> | undefined;
    return async (location) => {
      const next = toFetchUrl(location, this.options.origin);
      if (onSite && !isSiteAddress(next, this.options.origin)) throw new RedirectError(`redirected off the site, to ${next.origin}`);
      if (!onSite && !isSiteAddress(next, this.options.origin)) {
        startIsPrivate ??= isPrivateHost(start.hostname);
        if (!(await startIsPrivate) && (await isPrivateHost(next.hostname))) {
          throw new RedirectError(`redirected into a private network, to ${next.origin}`);
        }
      }
      await beforeFollowing?.(next);
      return next;
    };
  }

  /** The public address of a page of the site: a redirect on the mirror stands for the same path on the page's own host. */
  private publicAddress(fetched: URL, page: URL): URL {
    const origin = this.options.origin;
    if (isSiteHost(fetched.hostname) || !origin || fetched.host !== origin.host) return fetched;
    return new URL(`${pathOnSite(fetched.pathname, origin)}${fetched.search}`, page.origin);
  }

  /**
   * Starts reading robots.txt of these public origins now, alongside discovery, so that the
   * first article request does not wait for it.
   */
  prefetchRobots(publicOrigins: readonly string[]): void {
    if (!this.options.respectRobots) return;
    for (const origin of publicOrigins) void this.robotsFor(new URL(origin));
  }

  private robotsFor(url: URL): Promise<RobotsRules | RobotsUnreachable | undefined> {
    // Keyed by where robots.txt is fetched from: behind a mirror, every edition shares one.
    const fetchUrl = toFetchUrl(`${url.origin}/robots.txt`, this.options.origin);
    let robots = this.robots.get(fetchUrl.href);
    if (!robots) {
      robots = this.loadRobots(url.origin, fetchUrl);
      this.robots.set(fetchUrl.href, robots);
    }
    return robots;
  }

  /** Throws RobotsDeniedError for a page robots.txt disallows, FetchError when robots.txt could not be read. */
  private async checkRobots(url: URL): Promise<void> {
    const robots = await this.robotsFor(url);
    if (!robots) return;
    if ('unreachable' in robots) {
      if (!this.toldUnreachable.has(robots.robotsUrl)) {
        this.toldUnreachable.add(robots.robotsUrl);
        // A site that cannot be reached at all is said as such: --ignore-robots would not help.
        const advice = unreachableAdvice(new URL(robots.robotsUrl).host, robots.unreachable, this.options.origin);
        this.options.log.warn(advice ?? `${robots.robotsUrl}: ${robots.unreachable}; the site's pages are not fetched without it this run (RFC 9309; --ignore-robots to override)`);
      }
      throw new RobotsUnreachableError(`not fetched: robots.txt could not be read (${robots.unreachable})`);
    }
    // robots.txt rules are matched against the URL on the host the file was read for.
    const sameHost = new URL(url.pathname + url.search, robots.origin).href;
    if (!(robots.parsed.isAllowed(sameHost, this.robotsAgent) ?? true)) throw new RobotsDeniedError(url.href);
  }

  /**
   * A copy younger than a day is used as it is. A site without a robots.txt (4xx) allows
   * everything; one that cannot be reached keeps its last copy, and without one disallows
   * everything for this run.
   */
  private async loadRobots(publicOrigin: string, fetchUrl: URL): Promise<RobotsRules | RobotsUnreachable | undefined> {
    const robotsUrl = `${publicOrigin}/robots.txt`;
    const cache = this.options.robotsCache;
    const cached = cache?.robotsTxt(fetchUrl.href);
    const age = cached ? Date.now() - cached.fetchedAt : Infinity;
    if (cached && age >= 0 && age < ROBOTS_MAX_AGE_MS) {
      return { parsed: robotsParser(robotsUrl, cached.text), origin: publicOrigin };
    }
    try {
      const response = await this.http.getText(fetchUrl, { redirect: this.redirectPolicy(fetchUrl) });
      cache?.setRobotsTxt(fetchUrl.href, response.text, Date.now());
      return { parsed: robotsParser(robotsUrl, response.text), origin: publicOrigin };
    } catch (error) {
      // RFC 9309 (2.3.1.3): a robots.txt that is not there (4xx), or that cannot be reached by
      // following its redirects, is unavailable: everything is allowed. 429 is a server too busy
      // to answer, as a 5xx (2.3.1.4): unreachable.
      const status = error instanceof FetchError ? error.status : undefined;
      const absent = (status !== undefined && status >= 400 && status < 500 && status !== 429) || error instanceof RedirectError;
      if (cached && !absent) {
        this.options.log.debug(`${robotsUrl}: ${(error as Error).message}; using the copy read ${new Date(cached.fetchedAt).toISOString()}`);
        return { parsed: robotsParser(robotsUrl, cached.text), origin: publicOrigin };
      }
      if (absent) {
        this.options.log.debug(`${robotsUrl}: ${(error as Error).message}; treated as allowing everything`);
        return undefined;
      }
      return { unreachable: (error as Error).message, robotsUrl };
    }
  }
}
