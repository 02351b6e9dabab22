import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFetch, type FetchRunOptions } from '../../src/pipeline/fetch-run.js';
import { DEFAULT_POST_OPTIONS } from '../../src/cli/settings.js';
import { tempDir } from '../helpers/cli.js';
import { rssFeed } from '../helpers/pages.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { ARTICLE_PATHS, articleRoutes } from '../helpers/zaobao-site.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const baseOptions = {
  sections: [], concurrency: 2, timeoutMs: 5000, retries: 0, hostDelayMs: 0, userAgent: 'test', dryRun: false, update: false,
  respectRobots: false, skipPaywalled: false, prefer: 'page', post: DEFAULT_POST_OPTIONS, log: quiet,
} satisfies Partial<FetchRunOptions>;

let server: SiteServer | undefined;
afterEach(async () => {
  delete process.env.HTTPS_PROXY;
  await server?.close();
  server = undefined;
});

describe('runFetch', () => {
  // The CLI checks the proxy variables first; this is the run's own guard behind that check.
  it('leaves no directory lock behind when it cannot make its HTTP client', async () => {
    const out = await tempDir();
    process.env.HTTPS_PROXY = '::not a url';
    const run = runFetch({ ...baseOptions, feeds: ['https://rsshub.example/zaobao/realtime/china'], outDir: out });
    await expect(run).rejects.toThrow(/Invalid URL/);
    expect(await readdir(out)).toEqual([]);
  });

  // The state is saved once the last page has arrived, while it is still converted. A stop
  // after that must not leave the feed's validators behind: the next run reads it in full.
  it('an interrupted run leaves no validators of its sources in the state file', async () => {
    const site = await tempDir();
    const statePath = join(site, 'state.json');
    const controller = new AbortController();
    server = await startSiteServer({
      '/feed.xml': { body: rssFeed([ARTICLE_PATHS.cnAstro, ARTICLE_PATHS.cnClassic]), contentType: 'application/rss+xml', headers: { etag: '"v1"' } },
      ...articleRoutes(),
    });
    // Stopped as the last post is written: every page has arrived, so the state was saved.
    let written = 0;
    const log = { ...quiet, debug: (message: string) => void (message.startsWith('wrote ') && ++written === 2 && controller.abort()) };
    const result = await runFetch({
      ...baseOptions, log, feeds: [`${server.origin}/feed.xml`], outDir: join(site, '_posts'), origin: new URL(server.origin), statePath, signal: controller.signal,
    });
    expect(result.summary).toMatchObject({ interrupted: true, written: 2 });
    const saved = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as { sources: Record<string, unknown> }) : { sources: {} };
    expect(saved.sources).toEqual({});
  });
});
