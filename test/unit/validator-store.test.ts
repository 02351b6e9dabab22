import { execFileSync } from 'node:child_process';
import { lstat, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidatorStore } from '../../src/fetch/validator-store.js';
import { tempDir } from '../helpers/cli.js';

const DAY = 24 * 60 * 60 * 1000;

async function statePath(): Promise<string> {
  return join(await tempDir(), '.zb-scrape-state.json');
}

describe('the state file', () => {
  it('keeps robots.txt copies with the time they were read', async () => {
    const path = await statePath();
    const { store } = await ValidatorStore.load(path);
    const fetchedAt = Date.now() - 2 * DAY;
    store.setRobotsTxt('https://www.zaobao.com.sg/robots.txt', 'User-agent: *\nDisallow: /x/\n', fetchedAt);
    await store.save();
    const again = (await ValidatorStore.load(path)).store;
    expect(again.robotsTxt('https://www.zaobao.com.sg/robots.txt')).toEqual({ text: 'User-agent: *\nDisallow: /x/\n', fetchedAt });
    expect(again.robotsTxt('https://www.zaobao.com/robots.txt')).toBeUndefined();
  });

  it('never replaces what is not a regular file (--state /dev/null), nor waits on a FIFO', async () => {
    const fifo = join(await tempDir(), 'state.fifo');
    execFileSync('mkfifo', [fifo]);
    const { store, problem } = await ValidatorStore.load(fifo);
    expect(problem).toBe(`${fifo} is not a regular file: no state is read or saved (--no-state keeps none)`);
    store.setRobotsTxt('https://www.zaobao.com.sg/robots.txt', '', Date.now());
    await store.save();
    expect((await lstat(fifo)).isFIFO()).toBe(true);
  });

  it('drops copies a week old when it is next written', async () => {
    const path = await statePath();
    const { store } = await ValidatorStore.load(path);
    store.setRobotsTxt('http://old-mirror.example/robots.txt', '', Date.now() - 8 * DAY);
    store.setRobotsTxt('https://www.zaobao.com.sg/robots.txt', '', Date.now() - 6 * DAY);
    await store.save();
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(saved.robots)).toEqual(['https://www.zaobao.com.sg/robots.txt']);
  });

  it('writes sources in code-unit order, whatever order they were read in', async () => {
    const path = await statePath();
    const { store } = await ValidatorStore.load(path);
    for (const key of ['https://b.example/feed', 'https://B.example/feed', 'https://a.example/feed']) store.set(key, { etag: '"x"' }, []);
    await store.save();
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(saved.sources)).toEqual(['https://B.example/feed', 'https://a.example/feed', 'https://b.example/feed']);
  });

  it('reads files written before robots.txt was kept', async () => {
    const path = await statePath();
    await writeFile(path, JSON.stringify({ version: 1, sources: { 'https://www.zaobao.com.sg/rss/realtime/china': { etag: '"a"', savedAt: '2026-01-01T00:00:00.000Z', urls: [] } } }));
    const { store, problem } = await ValidatorStore.load(path);
    expect(problem).toBeUndefined();
    expect(store.get('https://www.zaobao.com.sg/rss/realtime/china')).toMatchObject({ validators: { etag: '"a"' } });
    expect(store.robotsTxt('https://www.zaobao.com.sg/robots.txt')).toBeUndefined();
  });

  it('takes a damaged entry (URLs that are not strings) for none, so its source is read in full', async () => {
    const path = await statePath();
    await writeFile(path, JSON.stringify({ version: 1, sources: { 'https://example.org/feed.xml': { etag: '"a"', urls: [1, null] } } }));
    const { store } = await ValidatorStore.load(path);
    expect(store.get('https://example.org/feed.xml')).toBeUndefined();
  });

  it('drops entries saved two months ago when it is next written', async () => {
    const path = await statePath();
    const old = new Date(Date.now() - 61 * DAY).toISOString();
    await writeFile(path, JSON.stringify({ version: 1, sources: { 'https://example.org/old.xml 2026-01-01..2026-01-31': { etag: '"o"', savedAt: old, urls: [] } } }));
    const { store } = await ValidatorStore.load(path);
    store.set('https://example.org/new.xml', { etag: '"n"' }, []);
    await store.save();
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).sources)).toEqual(['https://example.org/new.xml']);
  });
});

describe('a damaged state file', () => {
  it('saves over an entry whose URLs are not a list', async () => {
    const path = join(await tempDir(), 'state.json');
    await writeFile(path, JSON.stringify({ version: 1, sources: { feed: { etag: '"a"', urls: 'ab', savedAt: 'x' }, gone: null } }));
    const { store, problem } = await ValidatorStore.load(path);
    expect(problem).toBeUndefined();
    store.set('feed', { etag: '"b"' }, ['https://www.zaobao.com.sg/news/china/story20260310-1']);
    await store.save();
    const saved = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(saved.sources)).toEqual(['feed']);
    expect(saved.sources.feed).toMatchObject({ etag: '"b"', urls: ['https://www.zaobao.com.sg/news/china/story20260310-1'] });
  });
});
