/**
 * The reference for the end-to-end benchmark: the pipeline a user would assemble from the
 * usual libraries. It reads the feed, fetches each article with undici, finds the article with
 * @mozilla/readability on linkedom, converts it with Turndown, and writes one Markdown file per
 * article, `concurrency` articles at a time.
 *
 *   node bench/reference-pipeline.mjs <feed url> <origin> <out dir> <concurrency>
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import pLimit from 'p-limit';
import Parser from 'rss-parser';
import TurndownService from 'turndown';
import { request } from 'undici';

const [feedUrl, origin, out, concurrency] = process.argv.slice(2);
const turndown = new TurndownService();
const feed = await new Parser().parseString(await (await request(feedUrl)).body.text());
const limit = pLimit(Number(concurrency));
let written = 0;
await Promise.all(
  feed.items.map((item) =>
    limit(async () => {
      const url = new URL(item.link);
      const response = await request(`${origin}${url.pathname}`);
      const html = await response.body.text();
      const { document } = parseHTML(html);
      const article = new Readability(document).parse();
      if (!article?.content) return;
      const markdown = turndown.turndown(article.content);
      const name = url.pathname.split('/').pop();
      await writeFile(join(out, `${name}.md`), `---\ntitle: ${JSON.stringify(article.title)}\nfrom: ${item.link}\n---\n\n${markdown}\n`);
      written++;
    }),
  ),
);
process.stdout.write(`${JSON.stringify({ written })}\n`);
