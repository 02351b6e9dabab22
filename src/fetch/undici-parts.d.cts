import type * as Undici from 'undici';

export declare const Agent: typeof Undici.Agent;
export declare const Dispatcher: typeof Undici.Dispatcher;
/** undici's request API (request, stream, pipeline, …), which its index makes dispatcher methods. */
export declare const api: Record<string, unknown>;
export declare const EnvHttpProxyAgent: () => typeof Undici.EnvHttpProxyAgent;
