/**
 * The parts of undici zb-scrape uses, loaded without undici's index.
 *
 * The index builds everything undici offers (fetch, WebSocket, EventSource, caches, mocks)
 * and takes about 130 ms to load on a small VM; every run waits for it before its first
 * request. The connection pool alone takes about 30 ms, and a third less once the bundle
 * build has made one file of it (undici-parts.cjs); requests go through its `dispatch()`
 * (exchange.ts). Should an undici release move these modules, the index is loaded instead:
 * slower, never broken (`undiciCore.fromIndex` says which happened).
 */
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

export interface UndiciCore {
  Agent: typeof Undici.Agent;
  /** Loaded on first use: only runs behind a proxy need it. */
  EnvHttpProxyAgent: () => typeof Undici.EnvHttpProxyAgent;
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
  // dispatcher, and the proxy agents rely on it (connect, for a tunnel through the proxy).
  Object.assign(Dispatcher.prototype, api);
  return {
    Agent,
    EnvHttpProxyAgent,
    fromIndex: false,
  };
}

/** The fallback, exported so that tests can check it still works. */
export function undiciFromIndex(): UndiciCore {
  const undici = require('undici') as typeof Undici;
  return {
    Agent: undici.Agent,
    EnvHttpProxyAgent: () => undici.EnvHttpProxyAgent,
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
