/** The registry of page generations, and what each generation must bring along. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATION_NOISE, GENERATIONS, LISTING_CARDS } from '../../src/extract/generations/index.js';
import { SITE_NOISE } from '../../src/extract/clean.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe('the generation registry', () => {
  it('lists each generation once, generic last', () => {
    const names = GENERATIONS.map((generation) => generation.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.at(-1)).toBe('generic');
  });

  it.each(GENERATIONS.map((generation) => generation.name))('%s has its folder, its test, and fixture pages of its own', (name) => {
    expect(existsSync(root(`src/extract/generations/${name}/${name}.ts`))).toBe(true);
    expect(existsSync(root(`src/extract/generations/${name}/${name}.test.ts`))).toBe(true);
    const expected = JSON.parse(readFileSync(root(`fixtures/${name}/expected.json`), 'utf8')) as Record<string, { generation?: string }>;
    const pages = Object.entries(expected);
    expect(pages.length).toBeGreaterThan(0);
    for (const [file, expectation] of pages) {
      expect(existsSync(root(`fixtures/${name}/${file}`)), file).toBe(true);
      expect(expectation.generation ?? 'generic', file).toBe(name);
    }
  });

  it("gathers the generations' listing cards and noise, which repeats none of the site's", () => {
    expect(LISTING_CARDS).toEqual(GENERATIONS.flatMap((generation) => generation.listingCards ?? []));
    expect(LISTING_CARDS).toContain('.news-feature-card a');
    expect(GENERATION_NOISE).toContain('.bff-google-ad');
    expect(GENERATION_NOISE.filter((selector) => SITE_NOISE.includes(selector))).toEqual([]);
  });
});
