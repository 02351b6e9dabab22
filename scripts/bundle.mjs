/**
 * Bundles the CLI that bin/zb-scrape.js runs: tsc's per-file output in dist/ becomes a few
 * files in dist/bundle/. Loading some 40 small ES modules one by one costs a fetch run about
 * 30 ms before its first request; one file per entry point and per lazily loaded part does
 * not. Dependencies stay in node_modules, and every `import()` stays lazy (its own chunk).
 * Chunks sit beside the entry points: the stage runner finds ./stage-worker.js by its own URL.
 */
import { rm } from 'node:fs/promises';
import { build } from 'esbuild';

const OUT = 'dist/bundle';

await rm(OUT, { recursive: true, force: true });
await build({
  entryPoints: { main: 'dist/cli/main.js', 'stage-worker': 'dist/pipeline/stage-worker.js' },
  outdir: OUT,
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
