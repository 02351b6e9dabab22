/**
 * One GET over an undici dispatcher: the answer's status, headers and body, the body read
 * into memory as it arrives.
 *
 * undici's `request()` hands every answer over as a stream, from a handler that is an async
 * resource; a run wants whole bodies, and at its start, when all that code runs cold, the
 * stream and the resource cost about 0.3 ms of CPU per request (1.6–1.9 ms against 1.3–1.5
 * for each of a run's first 40 requests). Their cost comes on top of every answer while the
 * next requests wait to leave. So this talks to `dispatcher.dispatch()` directly, with a
 * handler of its own.
 */
import type { Dispatcher } from 'undici';

export type Headers = Record<string, string | string[] | undefined>;

export interface Answer {
  status: number;
  headers: Headers;
  /** Empty when the status's body was not wanted (see `keepBody`). */
  body: Buffer;
}

export interface ExchangeOptions {
  headers: Record<string, string>;
  /** The whole exchange, from dispatch to the body's last byte. */
  timeoutMs: number;
  /** Body bytes kept at most; more fail the exchange with a BodyTooLargeError. */
  maxBytes: number;
  /**
   * Whether the body of an answer with this status is wanted. An unwanted one is read to its
   * end and dropped (so that the connection serves the next request), or, past `maxBytes`,
   * left unread on a connection that is then closed.
   */
  keepBody: (status: number) => boolean;
  /**
   * Registers how to cancel the exchange (the run is interrupted, the client closed) for as
   * long as it is under way; returns the unregistration.
   */
  cancellable: (cancel: (reason: Error) => void) => () => void;
}

/** The body is, or says it will be, larger than `maxBytes`. */
export class BodyTooLargeError extends Error {
  constructor(
    readonly maxBytes: number,
    /** The Content-Length that announced it, when the answer had one. */
    readonly declaredBytes?: number,
  ) {
    super(`body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The answer had begun when the connection failed or the time ran out: its body is incomplete. */
export class BodyIncompleteError extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
    this.name = 'BodyIncompleteError';
  }
}

/** What the timeout rejects with; named as AbortSignal.timeout's reason is. */
function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no complete answer within ${timeoutMs} ms`);
  error.name = 'TimeoutError';
  return error;
}

/** A header's value; the first, when the answer repeated it. */
export function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function exchange(dispatcher: Dispatcher, url: URL, options: ExchangeOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    /** Why the exchange was cancelled before undici started it (it is still queued then). */
    let cancelledWith: Error | undefined;
    let settled = false;
    let status = 0;
    let headers: Headers = {};
    let keep = false;
    const chunks: Buffer[] = [];
    let size = 0;

    let unregister = () => {};
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unregister();
      if (error) reject(error);
      else resolve({ status, headers, body: keep ? Buffer.concat(chunks, size) : Buffer.alloc(0) });
    };
    /** Ends the exchange now. Settled first: undici reports the abort at once, to find it settled. */
    const cancel = (reason: Error) => {
      if (settled) return;
      settle(reason);
      if (controller) controller.abort(reason);
      else cancelledWith = reason;
    };
    const answerBegun = () => status !== 0;
    // Unreferenced, like AbortSignal.timeout: the request's socket keeps the process alive.
    const timer = setTimeout(() => {
      const timedOut = timeoutError(options.timeoutMs);
      cancel(answerBegun() ? new BodyIncompleteError(timedOut) : timedOut);
    }, options.timeoutMs);
    timer.unref();
    unregister = options.cancellable(cancel);
    // Cancelled as it registered (the run was already interrupted): nothing is sent.
    if (settled) {
      unregister();
      return;
    }

    dispatcher.dispatch(
      { origin: url.origin, path: `${url.pathname}${url.search}`, method: 'GET', headers: options.headers },
      {
        onRequestStart(started) {
          controller = started;
          if (cancelledWith) started.abort(cancelledWith);
        },
        onResponseStart(_started, statusCode, responseHeaders) {
          status = statusCode;
          headers = responseHeaders as Headers;
          keep = options.keepBody(statusCode);
          const declared = Number(header(headers, 'content-length'));
          if (keep && declared > options.maxBytes) cancel(new BodyTooLargeError(options.maxBytes, declared));
        },
        onResponseData(started, chunk) {
          if (settled) return;
          size += chunk.length;
          if (size <= options.maxBytes) {
            if (keep) chunks.push(chunk);
          } else if (keep) {
            cancel(new BodyTooLargeError(options.maxBytes));
          } else {
            // An unwanted body this long is not worth reading to its end: the answer is known.
            settle();
            started.abort(new Error('unwanted body dropped'));
          }
        },
        onResponseEnd: () => settle(),
        onResponseError: (_started, error) => settle(answerBegun() ? new BodyIncompleteError(error) : error),
      },
    );
  });
}
