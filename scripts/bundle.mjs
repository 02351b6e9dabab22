/**
 * The build's second step, after tsc: bundles the CLI that bin/zb-scrape.js runs.
 *
 * - tsc's per-file output in dist/ becomes a few files in dist/bundle/. Loading some 40 small
 *   ES modules one by one costs a fetch run about 30 ms before its first request; one file per
 *   entry point and per lazily loaded part does not. Every `import()` stays lazy (its own
 *   chunk). Chunks sit beside the entry points: the stage runner finds ./stage-worker.js by its
 *   own URL.
 * - The packages go into the chunks that use them: commander into main.js (`--version` and
 *   `--help` about 15 ms sooner), rss-parser and its XML modules into the feed parser's chunk
 *   (loaded while the feed travels: 35–45 ms instead of 55–65), cheerio and the rest into the
 *   lazily loaded chunks. A package is dozens of small CommonJS files; Node loads one ES
 *   module of them much faster. undici has its own bundle (below); zod stays in node_modules,
 *   loaded only for pages whose article comes as JSON (extract/hydration.ts).
 * - undici's connection pool and request API (src/fetch/undici-parts.cjs, which tsc does not
 *   emit) become one file beside the chunks: one file instead of some 30 loads about 10 ms
 *   sooner. dist/fetch/ gets a copy as it is, for tsc's layout.
 * - The stage worker (dist/bundle/stage-worker.js) is one file with its packages inside:
 *   cheerio, Turndown and its DOM (domino), the YAML writer and what they load. As packages
 *   they are some 200 small CommonJS files, and a fetch run's worker spent 150–250 ms loading
 *   them, on the second core, just while the feed's answer and the first article requests
 *   needed it. One ES module of them loads in 55–90 ms. (One CommonJS file of them is no
 *   quicker than the packages.)
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

const OUT = 'dist/bundle';
const UNDICI_PARTS = 'src/fetch/undici-parts.cjs';

/**
 * How the undici bundle differs from undici's own files. It leaves out:
 * - `node:http2`. undici's HTTP/2 client loads it at start-up (about 4 ms, and 5 ms more for
 *   `node:tls` on a plain-HTTP run), but zb-scrape never allows HTTP/2 (undici's `allowH2` is
 *   off). The HTTP/2 client gets what undici itself falls back to on a Node without http2.
 * - The fetch API's body handling, which undici loads only to send a FormData or Blob body;
 *   zb-scrape sends no body. Should that ever change, the stand-in says so instead of failing
 *   somewhere else.
 *
 * And llhttp, undici's HTTP parser, is WebAssembly that undici ships as base64 in a 72 KB
 * script, decoded on the first connection (about 3 ms, before the first request can be
 * written). The bundle carries it as a .wasm file beside it instead, read in under 1 ms.
 */
const undiciAsUsed = {
  name: 'undici-as-used',
  setup(builder) {
    builder.onResolve({ filter: /^node:http2$/ }, () => ({ path: 'http2', namespace: 'left-out' }));
    builder.onResolve({ filter: /\/web\/fetch\/body\.js$/ }, () => ({ path: 'fetch-body', namespace: 'left-out' }));
    builder.onLoad({ filter: /^http2$/, namespace: 'left-out' }, () => ({ contents: 'module.exports = { constants: {} };', loader: 'js' }));
    builder.onLoad({ filter: /^fetch-body$/, namespace: 'left-out' }, () => ({
      contents: "exports.extractBody = () => { throw new Error('zb-scrape bundles undici without its fetch body support'); };",
      loader: 'js',
    }));
    builder.onResolve({ filter: /\/llhttp\/llhttp(_simd)?-wasm\.js$/ }, (args) => ({ path: `undici/lib/llhttp/${basename(args.path)}`, namespace: 'llhttp' }));
    builder.onLoad({ filter: /.*/, namespace: 'llhttp' }, async (args) => {
      const wasmFile = `${basename(args.path, '.js')}.wasm`;
      await writeFile(join(OUT, wasmFile), require(args.path));
      return { contents: `module.exports = require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(wasmFile)}));`, loader: 'js' };
    });
  },
};

/** The CommonJS packages inside the ES modules require Node built-ins: this gives them `require`. */
const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
await copyFile(UNDICI_PARTS, 'dist/fetch/undici-parts.cjs');
await build({
  entryPoints: { main: 'dist/cli/main.js' },
  outdir: OUT,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  external: ['zod', 'undici'],
  banner: { js: REQUIRE_BANNER },
  sourcemap: 'linked',
  // The maps point at the sources (dist/, node_modules/) instead of carrying copies of them.
  sourcesContent: false,
  logLevel: 'warning',
});
await build({
  entryPoints: { 'stage-worker': 'dist/pipeline/stage-worker.js' },
  outdir: OUT,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  // zod is loaded only for pages whose article comes as JSON, at run time (extract/hydration.ts).
  external: ['zod'],
  banner: { js: REQUIRE_BANNER },
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});
await build({
  entryPoints: [UNDICI_PARTS],
  outfile: `${OUT}/undici-parts.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.18',
  plugins: [undiciAsUsed],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});
