import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { startSiteServer, type Route, type SiteServer } from '../helpers/site-server.js';
import { rssFeed } from '../helpers/pages.js';
import { ARTICLE_PATHS, articleRoutes, brokenFeedsChinaRoutes, feedRoute, isArticleRequest } from '../helpers/zaobao-site.js';

let server: SiteServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A feed that answers 304 to If-None-Match "v1"; every conditional header it got is recorded. */
function feedWithEtag(seen: (string | undefined)[], body = feedRoute().body): Route {
  return {
    handle: (request, response) => {
      seen.push(request.headers['if-none-match']);
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(body);
    },
  };
}

describe('conditional requests for feeds', () => {
  it('remembers the ETag in a state file beside the output directory, and an unchanged feed costs one 304', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    const site = await tempDir();
    const out = join(site, '_posts');
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', out, '--json'];
    expect((await runCli(args)).code).toBe(0);
    const state = JSON.parse(readFileSync(join(dirname(out), '.zb-scrape-state.json'), 'utf8'));
    expect(state.sources[`${server.origin}/feed.xml`]).toMatchObject({ etag: '"v1"' });

    const before = server.requests.length;
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ discovered: 6, written: 0, skipped: 6 });
    expect(seen).toEqual([undefined, '"v1"']);
    expect(server.requests.slice(before).filter(isArticleRequest)).toEqual([]);
  });

  it('an unchanged feed still yields the stories it listed: a post missing from the output, or another output directory, is fetched', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    const site = await tempDir();
    const args = (out: string) => ['fetch', '--origin', server!.origin, '--feed', `${server!.origin}/feed.xml`, '--out', out, '--json'];
    expect((await runCli(args(join(site, '_posts')))).code).toBe(0);
    rmSync(join(site, '_posts', '2024-02-20-4500003.md'));
    const again = await runCli(args(join(site, '_posts')));
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 1, skipped: 5 });
    // A second site beside the first shares the state file's folder, not its posts.
    const other = await runCli(args(join(site, 'other')));
    expect(JSON.parse(other.stdout)).toMatchObject({ written: 6 });
    expect(seen).toEqual([undefined, '"v1"', '"v1"']);
  });

  it('does not remember a feed whose articles were not all handled, so the next run retries them', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    server.routes.set(ARTICLE_PATHS.sgDrupal, { status: 500 });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--json', '--retries', '0'];
    expect((await runCli(args)).code).toBe(1);
    server.routes.set(ARTICLE_PATHS.sgDrupal, articleRoutes()[ARTICLE_PATHS.sgDrupal]!);
    const again = await runCli(args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 1 });
    expect(seen).toEqual([undefined, undefined]);
  });

  it('forgets an unchanged feed whose article failed, so the next run has its items\' content again', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--json', '--retries', '0'];
    expect((await runCli(args)).code).toBe(0);
    // The page of a story that has no content in the feed now fails, and its post is gone.
    rmSync(join(site, '_posts', '2019-06-11-1000004.md'));
    server.routes.set(ARTICLE_PATHS.sgDrupal, { status: 500 });
    expect((await runCli(args)).code).toBe(1); // answered 304: URLs only
    server.routes.set(ARTICLE_PATHS.sgDrupal, articleRoutes()[ARTICLE_PATHS.sgDrupal]!);
    const third = await runCli(args);
    expect(third.code).toBe(0);
    expect(JSON.parse(third.stdout)).toMatchObject({ written: 1 });
    expect(seen).toEqual([undefined, '"v1"', undefined]);
  });

  // The state is saved as soon as the last page has arrived, while that page is still being
  // converted: what happens to it afterwards must still reach the state file.
  it.each([
    ['fails to extract', { body: '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>' }, [], 1],
    ['is paywalled and left out (--skip-paywalled)', articleRoutes()[ARTICLE_PATHS.sgReactPaywalled]!, ['--skip-paywalled'], 0],
  ] as const)('does not remember a feed whose last page to arrive %s', async (_, lastPage, extraArgs, code) => {
    const seen: (string | undefined)[] = [];
    const late = '/news/singapore/story20260302-9500006';
    const routes = articleRoutes();
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen, rssFeed([ARTICLE_PATHS.cnAstro, late])), ...routes });
    server.routes.set(late, {
      handle: (_request, response) => {
        setTimeout(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(lastPage.body), 300);
      },
    });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--json', '--retries', '0', ...extraArgs];
    const first = await runCli(args);
    expect(first.code).toBe(code);
    expect(JSON.parse(first.stdout)).toMatchObject({ written: 1 });
    expect((await runCli(args)).code).toBe(code);
    expect(seen).toEqual([undefined, undefined]);
  });

  it('a section feed that lists no article and then answers 304 does not keep the section from its listing page', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ ...brokenFeedsChinaRoutes(), ...articleRoutes(), '/rss/realtime/china': feedWithEtag(seen, rssFeed([])) });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--section', 'china', '--out', join(site, '_posts'), '--json'];
    expect(JSON.parse((await runCli(args)).stdout)).toMatchObject({ written: 2 });
    rmSync(join(site, '_posts', '2024-02-20-4500003.md'));
    const before = server.requests.length;
    const again = await runCli(args);
    expect(seen).toEqual([undefined, '"v1"']);
    expect(server.requests.slice(before)).toContain('/news/china');
    expect(JSON.parse(again.stdout)).toMatchObject({ written: 1, skipped: 1 });
  });

  it('keys a feed by its address alone: a --since run and a plain one share its validators', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--json'];
    expect((await runCli([...args, '--since', '36500d'])).code).toBe(0);
    expect((await runCli(args)).code).toBe(0);
    expect(seen).toEqual([undefined, '"v1"']);
  });

  it('--no-state keeps no state file', async () => {
    const seen: (string | undefined)[] = [];
    server = await startSiteServer({ '/feed.xml': feedWithEtag(seen), ...articleRoutes() });
    const site = await tempDir();
    const args = ['fetch', '--origin', server.origin, '--feed', `${server.origin}/feed.xml`, '--out', join(site, '_posts'), '--no-state'];
    expect((await runCli(args)).code).toBe(0);
    expect(existsSync(join(site, '.zb-scrape-state.json'))).toBe(false);
  });
});
