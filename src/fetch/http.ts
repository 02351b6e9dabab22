/**
 * The one way zb-scrape talks to the network: undici (through exchange.ts) with a per-request
 * timeout, a size cap, a redirect limit, decompression, retries with backoff, and proxy support.
 */
import { promisify } from 'node:util';
import { loadInOwnTurn } from '../cpu-turns.js';
import type { Dispatcher } from 'undici';
import { decodeBody } from './decode.js';
import { BodyIncompleteError, BodyTooLargeError, exchange, header, type Answer } from './exchange.js';
import { HostPacer } from './host-pacer.js';
import { undiciCore } from './undici-core.js';
import { isAllowedArticleHost, isSiteHost, toFetchUrl } from '../site/urls.js';

export const DEFAULT_USER_AGENT = 'zb-scrape (+https://github.com/zb-scrape/zb-scrape)';

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** Least time between the starts of two requests to one host; none when absent or 0. */
  hostDelayMs?: number;
  userAgent: string;
  /** Mirror origin: redirects onto a Zaobao host are followed on the origin. */
  origin?: URL;
  maxBytes?: number;
  maxRedirects?: number;
  /** First backoff delay; doubles each retry, with jitter. */
  retryBaseMs?: number;
  /**
   * Most connections open to one origin at a time (default 16); requests beyond wait for one
   * of them. A run sets its --concurrency here: its next request is ready a moment before
   * the pool has taken back the connection of the answer just read, and with room to spare
   * the pool would open a new connection for it instead of reusing that one.
   */
  connectionsPerOrigin?: number;
  /** Aborts every request of the run (Ctrl-C). */
  signal?: AbortSignal;
  onRetry?: (url: string, attempt: number, reason: string, delayMs: number) => void;
}

/**
 * An answer, decompressed. The text is decoded on first use: an article page's bytes go to
 * the extraction worker, which decodes them there, so the main thread never holds the text.
 */
export class HttpResponse {
  private decoded?: string;

  constructor(
    /** Final URL after redirects. */
    readonly url: string,
    /** 200-299, or 304 when a conditional request found the resource unchanged (empty body). */
    readonly status: number,
    readonly contentType: string,
    readonly bytes: Uint8Array,
    /** Validators for the next conditional request. */
    readonly validators: Validators,
  ) {}

  /** The body as text, decoded by the charset the answer or the document declares. */
  get text(): string {
    this.decoded ??= decodeBody(this.bytes, this.contentType);
    return this.decoded;
  }
}

/** What a server said identifies this version of a resource (ETag / Last-Modified). */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** What one GET may ask beyond the URL. */
export interface GetOptions {
  /** Validators of the copy held: the server may answer 304. */
  conditional?: Validators;
  /** May refuse a redirect's target by throwing (robots.txt, site-fetcher.ts); its error is thrown as it is. */
  beforeRedirect?: (location: URL) => Promise<void>;
  /** A larger size cap than the client's, for a body known to be large (a month's sitemap). */
  maxBytes?: number;
}

/** A request that failed for good; `reason` is what a user reads. */
export class FetchError extends Error {
  constructor(
    readonly reason: string,
    readonly status?: number,
  ) {
    super(reason);
    this.name = 'FetchError';
  }
}

/** A redirect not followed: off the site, or one too many. */
export class RedirectError extends FetchError {}

type Decoder = (body: Buffer, options: { maxOutputLength: number }) => Promise<Buffer>;
let decoders: Promise<Record<string, Decoder>> | undefined;
/** zlib is not needed before the first answer: it loads while the first request travels. */
function loadDecoders(): Promise<Record<string, Decoder>> {
  decoders ??= loadInOwnTurn(async () => {
    const { brotliDecompress, gunzip, inflate } = await import('node:zlib');
    return {
      gzip: promisify(gunzip) as Decoder,
      'x-gzip': promisify(gunzip) as Decoder,
      deflate: promisify(inflate) as Decoder,
      br: promisify(brotliDecompress) as Decoder,
    };
  });
  return decoders;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 120_000;
const MAX_BACKOFF_MS = 30_000;

class RetryableError extends FetchError {
  constructor(
    reason: string,
    status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(reason, status);
  }
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const seconds = Number(raw);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(raw) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'HeadersTimeoutError' || error.name === 'BodyTimeoutError') {
      return `timed out after ${timeoutMs} ms`;
    }
    const code = (error as { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function definedOnly(validators: Validators): Validators {
  return Object.fromEntries(Object.entries(validators).filter(([, value]) => value !== undefined));
}

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly retryBaseMs: number;
  /** After a 429 the whole run waits, not just the request that got it. */
  private pausedUntil = 0;
  private readonly pacer: HostPacer;
  /** Aborted by close(): a request waiting for a retry or its turn gives up instead. */
  private readonly closing = new AbortController();
  /** The run's interruption, or close(): what ends a wait. */
  private readonly waitSignal: AbortSignal;
  /**
   * Wakers of the waits under way (retry backoff, 429 pause, pacing). The signal has one
   * listener for them all: a listener per wait would have Node warn of a leak as soon as
   * eleven requests wait at once, and one left behind by each wait would pile up.
   */
  private readonly waits = new Set<() => void>();
  /** Cancellers of the requests under way, for an interruption: one listener for them all too. */
  private readonly inFlight = new Set<(reason: Error) => void>();
  private closed?: Promise<void>;
  requestCount = 0;

  constructor(private readonly options: HttpOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.pacer = new HostPacer(options.hostDelayMs ?? 0);
    this.waitSignal = options.signal ? AbortSignal.any([options.signal, this.closing.signal]) : this.closing.signal;
    this.waitSignal.addEventListener('abort', () => [...this.waits].forEach((wake) => wake()), { once: true });
    options.signal?.addEventListener('abort', () => [...this.inFlight].forEach((cancel) => cancel(new FetchError('interrupted'))), { once: true });
    const useProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => process.env[name]);
    const connections = options.connectionsPerOrigin ?? 16;
    this.dispatcher = useProxy ? new (undiciCore.EnvHttpProxyAgent())({ connections }) : new undiciCore.Agent({ connections });
  }

  /**
   * Ends every connection at once. Callers close the client when no answer is awaited any
   * more, so nothing is lost: a robots.txt prefetched for an edition no article came from is
   * cancelled, and idle keep-alive sockets are reset instead of waiting for the server to
   * acknowledge a polite close (5–10 ms at the end of every run). A request waiting to be
   * retried is given up, so that its timer does not keep the process alive after the run.
   * Closing again returns the first close.
   */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      await this.dispatcher.destroy();
    })();
    return this.closed;
  }

  /** GET a URL as text, retrying transient failures. */
  async getText(url: URL, options: GetOptions = {}): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForPause();
      try {
        return await this.getFollowingRedirects(url, options);
      } catch (error) {
        if (!(error instanceof RetryableError) || attempt >= this.options.retries || this.waitSignal.aborted) {
          throw error instanceof RetryableError ? new FetchError(error.reason, error.status) : error;
        }
        const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** attempt);
        const delay = error.retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
        if (error.status === 429) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + delay);
        this.options.onRetry?.(url.href, attempt + 1, error.reason, Math.round(delay));
        await this.sleep(delay);
        if (this.closing.signal.aborted) throw new FetchError('given up: the run has ended');
      }
    }
  }

  /** Registers a request's canceller for the run's interruption; returns its removal. */
  private track(cancel: (reason: Error) => void): () => void {
    if (this.options.signal?.aborted) {
      cancel(new FetchError('interrupted'));
      return () => {};
    }
    this.inFlight.add(cancel);
    return () => this.inFlight.delete(cancel);
  }

  /** Waits `ms`, or less if the run is interrupted or the client closed. */
  private sleep(ms: number): Promise<void> {
    if (this.waitSignal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  private async waitForPause(): Promise<void> {
    const wait = this.pausedUntil - Date.now();
    if (wait > 0) await this.sleep(wait);
  }

  /**
   * The site's own addresses, as for its articles (site/urls.ts), and besides the mirror's host
   * on a scheme's default port: a mirror given as http://host may move itself to https://host.
   */
  private isOnSite(url: URL): boolean {
    const mirror = this.options.origin;
    return isAllowedArticleHost(url, mirror) || (url.hostname === mirror?.hostname && url.port === '');
  }

  private async getFollowingRedirects(start: URL, options: GetOptions): Promise<HttpResponse> {
    let url = start;
    // A request to the site stays on it: a redirect elsewhere would make another host's page
    // a post under the site's address, and reach hosts the run must never fetch.
    const onSite = this.isOnSite(start);
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const response = await this.getOnce(url, options);
      if (!('location' in response)) return response;
      if (onSite && !this.isOnSite(response.location)) throw new RedirectError(`redirected off the site, to ${response.location.origin}`);
      await options.beforeRedirect?.(response.location);
      url = response.location;
    }
    throw new RedirectError(`more than ${this.maxRedirects} redirects`);
  }

  private async getOnce(url: URL, { conditional, maxBytes = this.maxBytes }: GetOptions): Promise<HttpResponse | { location: URL }> {
    // Every attempt and every redirect hop is a request to its host, and is paced as one.
    const wait = this.pacer.reserve(url.hostname);
    if (wait > 0) await this.sleep(wait);
    this.requestCount++;
    // We ask for compressed answers: zlib loads while this request travels.
    void loadDecoders();
    let answer: Answer;
    try {
      answer = await exchange(this.dispatcher, url, {
        headers: {
          'user-agent': this.options.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          ...(conditional?.etag ? { 'if-none-match': conditional.etag } : {}),
          ...(conditional?.lastModified ? { 'if-modified-since': conditional.lastModified } : {}),
        },
        timeoutMs: this.options.timeoutMs,
        maxBytes,
        // Redirects and errors are read to their end and dropped, so that the connection is reused.
        keepBody: (status) => status >= 200 && status < 300,
        cancellable: (cancel) => this.track(cancel),
      });
    } catch (error) {
      if (this.options.signal?.aborted) throw new FetchError('interrupted');
      if (error instanceof BodyTooLargeError) {
        throw new FetchError(error.declaredBytes === undefined
          ? `response exceeds the ${error.maxBytes}-byte cap`
          : `response of ${error.declaredBytes} bytes exceeds the ${error.maxBytes}-byte cap`);
      }
      if (error instanceof BodyIncompleteError) throw new RetryableError(`body incomplete: ${describeNetworkError(error.cause, this.options.timeoutMs)}`);
      throw new RetryableError(describeNetworkError(error, this.options.timeoutMs));
    }
    const { status: statusCode, headers, body: raw } = answer;
    if (REDIRECT_STATUS.has(statusCode)) {
      const location = header(headers, 'location');
      const next = location ? URL.canParse(location, url.href) ? new URL(location, url) : undefined : undefined;
      if (!next) throw new FetchError(`HTTP ${statusCode} without a usable Location`, statusCode);
      return { location: isSiteHost(next.hostname) ? toFetchUrl(next, this.options.origin) : next };
    }
    const validators: Validators = { etag: header(headers, 'etag'), lastModified: header(headers, 'last-modified') };
    if (statusCode === 304 && conditional) {
      return new HttpResponse(url.href, 304, '', new Uint8Array(0), { ...conditional, ...definedOnly(validators) });
    }
    if (statusCode < 200 || statusCode >= 300) {
      const reason = `HTTP ${statusCode}`;
      if (RETRYABLE_STATUS.has(statusCode)) {
        throw new RetryableError(reason, statusCode, parseRetryAfter(headers['retry-after']));
      }
      throw new FetchError(reason, statusCode);
    }
    const contentType = header(headers, 'content-type') ?? '';
    const bytes = await this.decompress(raw, header(headers, 'content-encoding'), maxBytes);
    return new HttpResponse(url.href, statusCode, contentType, bytes, validators);
  }

  /**
   * gzip, deflate and brotli bodies, decoded here rather than by undici's (experimental,
   * warning-printing) interceptor; the size cap holds for the decoded bytes too.
   */
  private async decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
    const codec = encoding?.trim().toLowerCase();
    if (!codec || codec === 'identity') return body;
    const decoder = (await loadDecoders())[codec];
    if (!decoder) throw new FetchError(`unsupported Content-Encoding: ${encoding}`);
    try {
      return await decoder(body, { maxOutputLength: maxBytes });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|buffer/i.test((error as Error).message);
      throw new FetchError(tooLarge ? `response exceeds the ${maxBytes}-byte cap once decompressed` : `corrupt ${codec} body: ${(error as Error).message}`);
    }
  }
}
