import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { describe, expect, it } from 'vitest';

// What `npm run build` leaves in dist/bundle/ (`npm test` builds first): the files the CLI runs.
const BUNDLE = new URL('../../dist/bundle/', import.meta.url);
const bundleFiles = readdirSync(BUNDLE).filter((name) => name.endsWith('.js'));

/** Module specifiers a bundle file loads: static and dynamic imports, and requires. */
function loadedBy(name: string): string[] {
  const source = readFileSync(new URL(name, BUNDLE), 'utf8');
  const pattern = /(?:^import\b[^'"]*?|\bimport\(|\b__require\(|\brequire\d*\(|\bcreateRequire\(import\.meta\.url\)\()\s*["']([^"']+)["']/gm;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? '');
}

const isPackage = (specifier: string) => !specifier.startsWith('./') && !specifier.startsWith('node:') && !isBuiltin(specifier);

describe('the bundle build', () => {
  // A package is dozens of small CommonJS files, and loading them one by one cost the worker
  // 150–250 ms at the start of every run, and `--version` about 15 ms.
  it('puts the packages inside the files that use them, except zod (loaded on demand) and undici (bundled apart)', () => {
    expect(bundleFiles).toContain('main.js');
    const outside = bundleFiles.flatMap((name) => loadedBy(name).filter(isPackage).map((specifier) => `${name}: ${specifier}`));
    expect(outside.filter((entry) => !/: (zod|undici)$/.test(entry))).toEqual([]);
  });

  it('makes the stage worker one file, which loads only Node built-ins (and zod, when a page needs it)', () => {
    const loaded = loadedBy('stage-worker.js');
    expect(loaded).toContain('node:worker_threads');
    expect(loaded.filter((specifier) => specifier.startsWith('./'))).toEqual([]);
    expect(loaded.filter(isPackage)).toEqual(['zod']);
  });
});
