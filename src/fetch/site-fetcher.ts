/**
 * Requests by public URL: Zaobao URLs are fetched from the mirror origin when there is one,
 * and the site's robots.txt is respected unless the user opts out.
 */
import { loadInOwnTurn } from '../cpu-turns.js';
import type { Logger } from '../log.js';
import { isSiteHost, toFetchUrl } from '../site/urls.js';
import { FetchError, type HttpClient, type HttpResponse, type Validators } from './http.js';

interface Robots {
  isAllowed(url: string, userAgent?: string): boolean | undefined;
}
type RobotsParser = (url: string, robotsTxt: string) => Robots;
let robotsParser: Promise<RobotsParser> | undefined;
/** The parser loads while the first robots.txt request travels, not at start-up. */
function loadRobotsParser(): Promise<RobotsParser> {
  // The package is CommonJS (`module.exports = function`); its types describe an ES default export.
  robotsParser ??= loadInOwnTurn(async () => ((await import('robots-parser')) as unknown as { default: RobotsParser }).default);
  return robotsParser;
}

export class RobotsDeniedError extends FetchError {
  constructor(url: string) {
    super(`disallowed by robots.txt: ${url}`);
  }
}

export interface SiteFetcherOptions {
  origin?: URL;
  /** Check the site's robots.txt before fetching a Zaobao URL. */
  respectRobots: boolean;
  userAgent: string;
  log: Logger;
}

export class SiteFetcher {
  /** robots.txt per address it is fetched from, fetched once. */
  private readonly robots = new Map<string, Promise<{ parsed: Robots; origin: string } | undefined>>();
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

  /** GET a public URL (from the origin when it is a Zaobao URL); throws FetchError. */
  async get(publicUrl: string, conditional?: Validators): Promise<HttpResponse> {
    const url = new URL(publicUrl);
    if (this.options.respectRobots && isSiteHost(url.hostname) && !(await this.allowedByRobots(url))) {
      throw new RobotsDeniedError(publicUrl);
    }
    return this.http.getText(toFetchUrl(url, this.options.origin), conditional);
  }

  /**
   * Starts reading robots.txt of these public origins now, alongside discovery, so that the
   * first article request does not wait for it.
   */
  prefetchRobots(publicOrigins: readonly string[]): void {
    if (!this.options.respectRobots) return;
    for (const origin of publicOrigins) void this.robotsFor(new URL(origin));
  }

  private robotsFor(url: URL): Promise<{ parsed: Robots; origin: string } | undefined> {
    // Keyed by where robots.txt is fetched from: behind a mirror, every edition shares one.
    const fetchUrl = toFetchUrl(`${url.origin}/robots.txt`, this.options.origin);
    let robots = this.robots.get(fetchUrl.href);
    if (!robots) {
      robots = this.loadRobots(url.origin, fetchUrl);
      this.robots.set(fetchUrl.href, robots);
    }
    return robots;
  }

  private async allowedByRobots(url: URL): Promise<boolean> {
    const robots = await this.robotsFor(url);
    if (!robots) return true;
    // robots.txt rules are matched against the URL on the host the file was read for.
    const sameHost = new URL(url.pathname + url.search, robots.origin).href;
    return robots.parsed.isAllowed(sameHost, this.robotsAgent) ?? true;
  }

  /** A site without a readable robots.txt allows everything (as crawlers treat a 4xx). */
  private async loadRobots(publicOrigin: string, fetchUrl: URL): Promise<{ parsed: Robots; origin: string } | undefined> {
    const robotsUrl = `${publicOrigin}/robots.txt`;
    try {
      const parser = loadRobotsParser();
      const response = await this.http.getText(fetchUrl);
      return { parsed: (await parser)(robotsUrl, response.text), origin: publicOrigin };
    } catch (error) {
      this.options.log.debug(`${robotsUrl}: ${(error as Error).message}; treated as allowing everything`);
      return undefined;
    }
  }
}
