import { describe, expect, it } from 'vitest';
import type { DiscoveredItem } from '../../src/discover/types.js';
import type { HttpResponse } from '../../src/fetch/http.js';
import { RobotsDeniedError } from '../../src/fetch/site-fetcher.js';
import { DEFAULT_POST_OPTIONS } from '../../src/cli/settings.js';
import { handleItem, type ItemContext } from '../../src/pipeline/item.js';
import { tempDir } from '../helpers/cli.js';
import { astroPage } from '../helpers/pages.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const PATH = '/news/china/story20260310-9700090';
const URL_ = `https://www.zaobao.com.sg${PATH}`;

const item = (feedHtml: string): DiscoveredItem => ({ url: URL_, story: { id: '9700090', slug: 'story20260310-9700090', day: '2026-03-10' }, title: '标题', feedHtml, via: 'https://feeds.example/f.xml' });

async function context(fetchPage: ItemContext['fetchPage']): Promise<ItemContext> {
  return { outDir: await tempDir(), dryRun: false, prefer: 'page', skipPaywalled: false, post: DEFAULT_POST_OPTIONS, log: quiet, fetchPage, takenNames: new Set() };
}

const page = astroPage({ path: PATH, title: '标题', published: '2026-03-10T12:00:00+08:00', paragraphs: ['正文。'] });
const response = { url: URL_, status: 200, contentType: 'text/html', text: page } as unknown as HttpResponse;

describe('one story', () => {
  it('by default fetches the page without reading the feed item, however broken that is', async () => {
    const outcome = await handleItem(item('<div>'.repeat(2_000)), undefined, await context(async () => response));
    expect(outcome).toMatchObject({ kind: 'written', post: { source: 'page' } });
  });

  it('is disallowed, not failed, when robots.txt refuses the page and the feed item that looked whole holds no article', async () => {
    const noise = `<div class="related-articles">${'<p>别的新闻标题，很长很长的一段文字。</p>'.repeat(5)}</div>`;
    const outcome = await handleItem(item(noise), undefined, await context(async () => {
      throw new RobotsDeniedError(URL_);
    }));
    expect(outcome).toEqual({ kind: 'disallowed' });
  });
});
