/**
 * The parts of undici zb-scrape uses, loaded without undici's index.
 *
 * The index builds everything undici offers (fetch, WebSocket, EventSource, caches, mocks)
 * and takes about 130 ms to load on a small VM; every run waits for it before its first
 * request. The connection pool and the `request` API alone take about 30 ms, and a third
 * less once the bundle build has made one file of them (undici-parts.cjs). Should an undici
 * release move these modules, the index is loaded instead: slower, never broken
 * (`undiciCore.fromIndex` says which happened).
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

type RequestOptions = Omit<Undici.Dispatcher.RequestOptions, 'origin' | 'path'>;

export interface UndiciCore {
  Agent: typeof Undici.Agent;
  /** Loaded on first use: only runs behind a proxy need it. */
  EnvHttpProxyAgent: () => typeof Undici.EnvHttpProxyAgent;
  /** undici's `request(url, { dispatcher, … })`. */
  request: (url: URL, dispatcher: Undici.Dispatcher, options: RequestOptions) => Promise<Undici.Dispatcher.ResponseData>;
  /** True when the modules could not be loaded by path and the index stood in. */
  fromIndex: boolean;
}

const require = createRequire(import.meta.url);

function fromParts(): UndiciCore {
  const { Agent, Dispatcher, api, EnvHttpProxyAgent } = require('./undici-parts.cjs') as typeof import('./undici-parts.cjs');
  if (typeof Agent !== 'function' || typeof Dispatcher !== 'function' || typeof api.request !== 'function') {
    throw new TypeError('undici layout changed');
  }
  // What undici's index does: the request API (request, connect, …) is a method of every
  // dispatcher, and the proxy agents rely on it.
  Object.assign(Dispatcher.prototype, api);
  return {
    Agent,
    EnvHttpProxyAgent,
    request: (url, dispatcher, options) => dispatcher.request({ ...options, origin: url.origin, path: `${url.pathname}${url.search}` }),
    fromIndex: false,
  };
}

/** The fallback, exported so that tests can check it still works. */
export function undiciFromIndex(): UndiciCore {
  const undici = require('undici') as typeof Undici;
  return {
    Agent: undici.Agent,
    EnvHttpProxyAgent: () => undici.EnvHttpProxyAgent,
    request: (url, dispatcher, options) => undici.request(url, { ...options, dispatcher }),
    fromIndex: true,
  };
}

function load(): UndiciCore {
  try {
    return fromParts();
  } catch {
    return undiciFromIndex();
  }
}

export const undiciCore: UndiciCore = load();
