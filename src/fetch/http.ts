/**
 * The one way zb-scrape talks to the network: undici's `request()` with a per-request
 * timeout, size caps before and after decompression, a redirect limit, retries with backoff,
 * pacing per host, and proxy support. Which hosts a redirect may lead to is the caller's
 * business (site-fetcher.ts): this client knows nothing of the site.
 */
import { pipeline, type Readable } from 'node:stream';
import { promisify } from 'node:util';
import { brotliDecompress, createBrotliDecompress, createGunzip, createInflate, gunzip, inflate } from 'node:zlib';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { decodeBody } from './decode.js';
import { HostPacer } from './host-pacer.js';

export const DEFAULT_USER_AGENT = 'zb-scrape (+https://github.com/zb-scrape/zb-scrape)';

export interface HttpOptions {
  timeoutMs: number;
  retries: number;
  /** Least time between the starts of two requests to one host; none when absent or 0. */
  hostDelayMs?: number;
  userAgent: string;
  maxBytes?: number;
  maxRedirects?: number;
  /** First backoff delay; doubles each retry, with jitter. */
  retryBaseMs?: number;
  /** Most connections open to one origin at a time (default 16); requests beyond wait for one of them. */
  connectionsPerOrigin?: number;
  /** Aborts every request of the run (Ctrl-C). */
  signal?: AbortSignal;
  onRetry?: (url: string, attempt: number, reason: string, delayMs: number) => void;
}

/** An answer, decompressed; its text is decoded on first use. */
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
    /** The answer's headers, as received (a repeated one joined with commas). */
    readonly headers: Record<string, string> = {},
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
  /**
   * Where a redirect from `from` to `location` leads: the URL to request next. It refuses the
   * redirect by throwing (a RedirectError, a robots.txt refusal); its error is thrown as it is.
   * Without it, every http(s) redirect is followed.
   */
  redirect?: (location: URL, from: URL) => URL | Promise<URL>;
  /** A larger size cap than the client's, for a body known to be large (a month's sitemap). */
  maxBytes?: number;
}

/** What a download asks beyond the URL; its body is handed to `read` as it arrives, never held whole. */
export interface DownloadOptions<T> {
  redirect?: GetOptions['redirect'];
  /** Most bytes of body, once decompressed. */
  maxBytes: number;
  /** The Accept header (the kinds of file wanted). */
  accept: string;
  /**
   * Takes the body's chunks and the answer's Content-Type. It throws a FetchError to refuse the
   * body for good (not retried); the transfer failing midway is retried like any request.
   */
  read: (chunks: AsyncIterable<Buffer>, contentType: string) => Promise<T>;
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
const DECODERS: Record<string, Decoder> = {
  gzip: promisify(gunzip) as Decoder,
  'x-gzip': promisify(gunzip) as Decoder,
  deflate: promisify(inflate) as Decoder,
  br: promisify(brotliDecompress) as Decoder,
};
/** The same, as streams, for downloads. */
const STREAM_DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

const PAGE_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,*/*;q=0.8';

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 120_000;
const MAX_BACKOFF_MS = 30_000;
/**
 * The body of a redirect or an error is read and dropped, so that its connection serves the
 * next request; past this much it is not worth reading, and the connection is closed instead.
 */
const UNWANTED_BODY_BYTES = 64 * 1024;

class RetryableError extends FetchError {
  constructor(
    reason: string,
    status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(reason, status);
  }
}

type Headers = Record<string, string | string[] | undefined>;

/** A header's value; the first, when the answer repeated it. */
function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** What the per-request timer aborts a request with. */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof TimeoutError) return `timed out after ${timeoutMs} ms`;
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function definedOnly(validators: Validators): Validators {
  return Object.fromEntries(Object.entries(validators).filter(([, value]) => value !== undefined));
}

/** An answer as it came: for a 2xx status, what `read` made of its body. */
interface Answer<T> {
  status: number;
  headers: Headers;
  body?: T;
}

/** One request as the exchange makes it: what it accepts, and how a 2xx body is read. */
interface Exchange<T> {
  accept: string;
  conditional?: Validators;
  maxBytes: number;
  redirect?: GetOptions['redirect'];
  /**
   * Reads a 2xx body. A download calls `progress` as its bytes arrive, and its timeout is then
   * the longest wait for more; a page's is the whole exchange.
   */
  read: (body: Readable, headers: Headers, progress: () => void) => Promise<T>;
}

/** A followed request's end: the final URL and its answer (a redirect's is never returned). */
interface Reply<T> extends Answer<T> {
  url: URL;
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
   * Wakers of the waits under way, and cancellers of the requests under way. The run's signal
   * has one listener for each set: a listener per request would have Node warn of a leak as
   * soon as eleven requests wait at once.
   */
  private readonly waits = new Set<() => void>();
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
    this.dispatcher = useProxy ? new EnvHttpProxyAgent({ connections }) : new Agent({ connections });
  }

  /**
   * Ends every connection at once and gives up requests waiting for a retry, so that no timer
   * keeps the process alive after the run. Closing again returns the first close.
   */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing.abort();
      await this.dispatcher.destroy();
    })();
    return this.closed;
  }

  /** GET a URL, retrying transient failures. */
  async getText(url: URL, { conditional, redirect, maxBytes = this.maxBytes }: GetOptions = {}): Promise<HttpResponse> {
    const reply = await this.withRetries(url, { accept: PAGE_ACCEPT, conditional, maxBytes, redirect, read: (body) => readWhole(body, maxBytes) });
    const { status, headers } = reply;
    const validators: Validators = { etag: header(headers, 'etag'), lastModified: header(headers, 'last-modified') };
    if (status === 304) return new HttpResponse(reply.url.href, 304, '', new Uint8Array(0), { ...conditional, ...definedOnly(validators) });
    const contentType = header(headers, 'content-type') ?? '';
    const bytes = await this.decompress(reply.body!, header(headers, 'content-encoding'), maxBytes);
    const flat = Object.fromEntries(Object.entries(headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
    return new HttpResponse(reply.url.href, status, contentType, bytes, validators, flat);
  }

  /**
   * GET a URL whose body goes elsewhere as it arrives (a picture to its file), with the same
   * pacing, retries, redirects and timeout as a page; returns what `read` made of it.
   */
  async download<T>(url: URL, options: DownloadOptions<T>): Promise<T> {
    const reply = await this.withRetries(url, {
      accept: options.accept,
      maxBytes: options.maxBytes,
      redirect: options.redirect,
      read: (body, headers, progress) => {
        const codec = header(headers, 'content-encoding')?.trim().toLowerCase();
        const decoder = codec && codec !== 'identity' ? STREAM_DECODERS[codec] : undefined;
        if (codec && codec !== 'identity' && !decoder) throw new FetchError(`unsupported Content-Encoding: ${codec}`);
        const decoded: Readable = decoder ? (pipeline(body, decoder(), () => {}) as unknown as Readable) : body;
        return options.read(capped(decoded, options.maxBytes, progress), header(headers, 'content-type') ?? '');
      },
    });
    return reply.body!;
  }

  private async withRetries<T>(url: URL, exchange: Exchange<T>): Promise<Reply<T>> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForPause();
      try {
        return await this.getFollowingRedirects(url, exchange);
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

  private async getFollowingRedirects<T>(start: URL, exchange: Exchange<T>): Promise<Reply<T>> {
    let url = start;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const reply = await this.getOnce(url, exchange);
      if (!('location' in reply)) return reply;
      const { location } = reply;
      if (location.protocol !== 'http:' && location.protocol !== 'https:') {
        throw new RedirectError(`redirected to a ${location.protocol} address (${location.href}), which is not fetched`);
      }
      url = exchange.redirect ? await exchange.redirect(location, url) : location;
    }
    throw new RedirectError(`more than ${this.maxRedirects} redirects`);
  }

  private async getOnce<T>(url: URL, exchange: Exchange<T>): Promise<Reply<T> | { location: URL }> {
    // Every attempt and every redirect hop is a request to its host, and is paced as one.
    const wait = this.pacer.reserve(url.hostname);
    if (wait > 0) await this.sleep(wait);
    if (this.options.signal?.aborted) throw new FetchError('interrupted');
    this.requestCount++;
    const answer = await this.exchange(url, exchange);
    const { status, headers } = answer;
    if (REDIRECT_STATUS.has(status)) {
      const location = header(headers, 'location');
      const next = location && URL.canParse(location, url.href) ? new URL(location, url) : undefined;
      if (!next) throw new FetchError(`HTTP ${status} without a usable Location`, status);
      return { location: next };
    }
    if (status === 304 && exchange.conditional) return { url, ...answer };
    if (status < 200 || status >= 300) {
      const reason = `HTTP ${status}`;
      if (RETRYABLE_STATUS.has(status)) throw new RetryableError(reason, status, parseRetryAfter(header(headers, 'retry-after')));
      throw new FetchError(reason, status);
    }
    return { url, ...answer };
  }

  /**
   * One GET: the whole exchange, from sending to the body's last byte, within the timeout, and
   * no more than `maxBytes` of body read, whether the answer announced its length or not.
   */
  private async exchange<T>(url: URL, { accept, conditional, maxBytes, read }: Exchange<T>): Promise<Answer<T>> {
    const controller = new AbortController();
    const expire = () => controller.abort(new TimeoutError());
    let timer = setTimeout(expire, this.options.timeoutMs);
    const progress = () => {
      clearTimeout(timer);
      timer = setTimeout(expire, this.options.timeoutMs);
    };
    const untrack = this.track((reason) => controller.abort(reason));
    let status = 0;
    try {
      const response = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        signal: controller.signal,
        headers: {
          'user-agent': this.options.userAgent,
          accept,
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
          ...(conditional?.etag ? { 'if-none-match': conditional.etag } : {}),
          ...(conditional?.lastModified ? { 'if-modified-since': conditional.lastModified } : {}),
        },
      });
      status = response.statusCode;
      const headers = response.headers as Headers;
      if (status < 200 || status >= 300) {
        // The status is the answer: a body that fails or runs long changes nothing.
        await response.body.dump({ limit: UNWANTED_BODY_BYTES }).catch(() => {});
        return { status, headers };
      }
      const declared = Number(header(headers, 'content-length'));
      if (declared > maxBytes) {
        // Closed unread; the error its destruction emits is no news.
        response.body.on('error', () => {}).destroy();
        throw new FetchError(`response of ${declared} bytes exceeds the ${maxBytes}-byte cap`);
      }
      try {
        return { status, headers, body: await read(response.body, headers, progress) };
      } finally {
        // A body its reader refused is not read to its end: the connection closes instead.
        if (!response.body.readableEnded) response.body.on('error', () => {}).destroy();
      }
    } catch (error) {
      if (error instanceof FetchError && !controller.signal.aborted) throw error;
      // Aborted: by the run's interruption (a FetchError), or by the timer.
      const cause = controller.signal.aborted ? controller.signal.reason : error;
      if (cause instanceof FetchError) throw cause;
      const reason = describeNetworkError(cause, this.options.timeoutMs);
      // An answer begun and then lost is worth another try, as a connection that failed is.
      throw new RetryableError(status ? `body incomplete: ${reason}` : reason);
    } finally {
      clearTimeout(timer);
      untrack();
    }
  }

  /**
   * gzip, deflate and brotli bodies, decoded here rather than by undici's experimental
   * interceptor; the size cap holds for the decoded bytes too.
   */
  private async decompress(body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
    const codec = encoding?.trim().toLowerCase();
    if (!codec || codec === 'identity') return body;
    const decoder = DECODERS[codec];
    if (!decoder) throw new FetchError(`unsupported Content-Encoding: ${encoding}`);
    try {
      return await decoder(body, { maxOutputLength: maxBytes });
    } catch (error) {
      const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|buffer/i.test((error as Error).message);
      throw new FetchError(tooLarge ? `response exceeds the ${maxBytes}-byte cap once decompressed` : `corrupt ${codec} body: ${(error as Error).message}`);
    }
  }
}

/** The whole body, refused past `maxBytes`. */
async function readWhole(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of capped(body, maxBytes)) {
    size += chunk.length;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/**
 * The chunks of a body, ending in a FetchError (not retried) once they pass `maxBytes` or when
 * they do not decompress; `progress` hears of each.
 */
async function* capped(body: AsyncIterable<Buffer>, maxBytes: number, progress?: () => void): AsyncIterable<Buffer> {
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes) throw new FetchError(`response exceeds the ${maxBytes}-byte cap`);
      progress?.();
      yield chunk;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new FetchError(`corrupt compressed body: ${(error as Error).message}`);
    throw error;
  }
}
