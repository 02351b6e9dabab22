'use strict';
/**
 * The parts of undici zb-scrape uses, by path (undici 7 has no "exports" map). See
 * undici-core.ts for why not the index. CommonJS, so that the bundle build can make one file
 * of these modules (scripts/bundle.mjs); elsewhere they load from node_modules one by one.
 */
exports.Agent = require('undici/lib/dispatcher/agent');
exports.Dispatcher = require('undici/lib/dispatcher/dispatcher');
exports.api = require('undici/lib/api');
/** Only runs behind a proxy need it. */
exports.EnvHttpProxyAgent = () => require('undici/lib/dispatcher/env-http-proxy-agent');
