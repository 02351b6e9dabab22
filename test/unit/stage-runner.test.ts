import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExtractError } from '../../src/extract/errors.js';
import { workerStages, type StageRunner } from '../../src/pipeline/stage-runner.js';
import { DEFAULT_POST_OPTIONS } from '../../src/write/post-options.js';
import { tempDir } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/site-server.js';

// The worker runs built code: `npm test` builds first. tsc's output, and the bundle that runs use.
const BUILT_WORKER = new URL('../../dist/pipeline/stage-worker.js', import.meta.url);
const BUNDLED_WORKER = new URL('../../dist/bundle/stage-worker.js', import.meta.url);
const PAGE = readFileSync(`${FIXTURES}pages/sg-react-2026.html`);
const PAGE_URL = 'https://www.zaobao.com.sg/news/singapore/story20260301-9500001';
const TITLE = '金管局维持货币政策不变 "新元"走强: 分析';

const dataWorker = (source: string) => new URL(`data:text/javascript,${encodeURIComponent(source)}`);

let runner: StageRunner | undefined;
afterEach(() => runner?.close());

function start(workerUrl: URL): { runner: StageRunner; fallbacks: string[] } {
  const fallbacks: string[] = [];
  runner = workerStages((reason) => fallbacks.push(reason), workerUrl);
  return { runner, fallbacks };
}

describe('worker stages', () => {
  it.each([
    ['tsc output', BUILT_WORKER],
    ['bundle', BUNDLED_WORKER],
  ])('extracts and renders a page on the worker (%s)', async (_, workerUrl) => {
    const { runner, fallbacks } = start(workerUrl);
    const article = await runner.run('extractArticlePage', PAGE, 'text/html; charset=utf-8', PAGE_URL, {});
    expect(article.title).toBe(TITLE);
    expect(article.generation).toBe('sg-react');
    const post = await runner.run('renderPost', article, DEFAULT_POST_OPTIONS, { source: 'page' });
    expect(post.fileName).toBe('2026-03-01-9500001.md');
    expect(post.content).toContain(`from: ${PAGE_URL}`);
    expect(fallbacks).toEqual([]);
  });

  it('writes a post on the worker, answering once the file is in place', async () => {
    const { runner, fallbacks } = start(BUNDLED_WORKER);
    const dir = await tempDir();
    const article = await runner.run('extractArticlePage', PAGE, 'text/html; charset=utf-8', PAGE_URL, {});
    const saved = await runner.run('savePost', article, DEFAULT_POST_OPTIONS, { source: 'page', fileName: '2026-03-01-9500001.md' }, { dir, overwrite: false });
    expect(saved).toEqual({ fileName: '2026-03-01-9500001.md', unchanged: false });
    expect(await readFile(join(dir, '2026-03-01-9500001.md'), 'utf8')).toContain(`from: ${PAGE_URL}`);
    // A write that fails comes back as an error, and the worker goes on.
    await expect(runner.run('savePost', article, DEFAULT_POST_OPTIONS, { source: 'page', fileName: '2026-03-01-9500001.md' }, { dir, overwrite: false })).rejects.toThrow(/EEXIST/);
    expect(fallbacks).toEqual([]);
  });

  // A post's file is six operations, each finished by a callback of the worker's loop.
  it('writes a post while the pages queued after it wait, not after all of them', async () => {
    const { runner } = start(BUNDLED_WORKER);
    const dir = await tempDir();
    const article = await runner.run('extractArticlePage', PAGE, 'text/html; charset=utf-8', PAGE_URL, {});
    const done: string[] = [];
    const saving = runner.run('savePost', article, DEFAULT_POST_OPTIONS, { source: 'page', fileName: 'a.md' }, { dir, overwrite: false }).then(() => done.push('saved'));
    const extracting = Array.from({ length: 24 }, () => runner.run('extractArticlePage', PAGE, 'text/html; charset=utf-8', PAGE_URL, {}).then(() => done.push('extracted')));
    await Promise.all([saving, ...extracting]);
    expect(done.indexOf('saved')).toBeLessThan(extracting.length);
  });

  it('hands back what a stage threw, as the same kind of error', async () => {
    const { runner } = start(BUILT_WORKER);
    const failing = runner.run('extractArticlePage', Buffer.from('<html><body></body></html>'), 'text/html', PAGE_URL, {});
    await expect(failing).rejects.toBeInstanceOf(ExtractError);
  });

  it('rejects a call whose arguments cannot cross threads, and goes on', async () => {
    const { runner, fallbacks } = start(BUILT_WORKER);
    const notCloneable = (() => '---\n') as unknown as string;
    await expect(runner.run('parseFrontMatter', notCloneable)).rejects.toThrow(/could not be cloned/);
    expect(await runner.run('parseFrontMatter', '---\ntitle: x\n---\n')).toEqual({ title: 'x' });
    expect(fallbacks).toEqual([]);
  });

  it('works on the main thread when the worker cannot start', async () => {
    const { runner, fallbacks } = start(dataWorker('process.exit(3)'));
    runner.prepare();
    const article = await runner.run('extractArticlePage', PAGE, 'text/html', PAGE_URL, {});
    expect(article.title).toBe(TITLE);
    expect(fallbacks).toEqual(['it exited with code 3']);
  });

  it('finishes the calls under way on the main thread when the worker dies', async () => {
    const { runner, fallbacks } = start(dataWorker("import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(7));"));
    const calls = [1, 2, 3].map(() => runner.run('extractArticlePage', PAGE, 'text/html', PAGE_URL, {}));
    const articles = await Promise.all(calls);
    expect(articles.map((article) => article.title)).toEqual([TITLE, TITLE, TITLE]);
    expect(fallbacks).toEqual(['it exited with code 7']);
  });
});
