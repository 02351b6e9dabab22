/**
 * End to end at `--delay 0`: `zb-scrape fetch` against a local server of real-size pages (every
 * generation alike), beside the reference pipeline a user would assemble
 * (bench/reference-pipeline.mjs), at the same concurrency. Both are whole processes, timed from
 * start to exit, in alternate runs.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { BODY_CHARS, GENERATION_PAGES, storyPage } from './corpus.mjs';
import { FEED_CONTENT_TYPE, ROOT, median, parseSummary, removeDir, run, runCli, startServer, tempDir } from './lib.mjs';

function site(perGeneration) {
  const pages = new Map();
  Object.keys(GENERATION_PAGES).forEach((generation, g) => {
    for (let i = 0; i < perGeneration; i++) {
      const id = 9_600_000 + g * 10_000 + i;
      const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      const page = storyPage(generation, { id, day, bodyChars: BODY_CHARS[i % BODY_CHARS.length] });
      pages.set(new URL(page.url).pathname, page);
    }
  });
  const items = [...pages.values()].map((page) => `<item><title>t</title><link>${page.url}</link></item>`).join('\n');
  const feed = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>bench</title>\n${items}\n</channel></rss>`;
  return { pages, feed };
}

async function countPosts(dir) {
  return (await readdir(dir)).filter((name) => name.endsWith('.md')).length;
}

export async function benchEndToEnd({ perGeneration = 100, concurrency = 4, runs = 3 } = {}) {
  const { pages, feed } = site(perGeneration);
  const server = await startServer((path) => (path === '/feed.xml' ? { body: feed, contentType: FEED_CONTENT_TYPE } : pages.has(path) ? { body: pages.get(path).html } : undefined), {
    maxRequests: (pages.size * 2 + 20) * runs * 2,
  });
  const articles = pages.size;
  const walls = { zbScrape: [], reference: [] };
  let referenceWritten = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const zbOut = await tempDir('e2e-zb');
      const zb = await runCli(['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', zbOut, '--no-state', '--delay', '0', '--concurrency', String(concurrency), '--json', '--quiet'], { timeoutMs: 300_000 });
      const written = parseSummary(zb).written;
      if (zb.code !== 0 || written !== articles || (await countPosts(zbOut)) !== articles) throw new Error(`zb-scrape wrote ${written} of ${articles} (exit ${zb.code}):\n${zb.stderr.slice(0, 2000)}`);
      walls.zbScrape.push(zb.wallMs);
      await removeDir(zbOut);

      const refOut = await tempDir('e2e-ref');
      const ref = await run(process.execPath, [join(ROOT, 'bench', 'reference-pipeline.mjs'), `${server.origin}/feed.xml`, server.origin, refOut, String(concurrency)], { timeoutMs: 600_000 });
      if (ref.code !== 0) throw new Error(`the reference pipeline exited ${ref.code}:\n${ref.stderr.slice(0, 2000)}`);
      walls.reference.push(ref.wallMs);
      referenceWritten = await countPosts(refOut);
      await removeDir(refOut);
    }
  } finally {
    await server.close();
  }
  const zbMs = median(walls.zbScrape);
  const referenceMs = median(walls.reference);
  return {
    articles,
    concurrency,
    runs,
    zbScrape: { wallMs: zbMs, wallMsEach: walls.zbScrape, articlesPerSecond: (articles * 1000) / zbMs },
    reference: { wallMs: referenceMs, wallMsEach: walls.reference, articlesPerSecond: (articles * 1000) / referenceMs, written: referenceWritten },
    ratio: referenceMs / zbMs,
  };
}
