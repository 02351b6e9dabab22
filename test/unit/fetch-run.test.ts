import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../src/pipeline/fetch-run.js';
import { DEFAULT_POST_OPTIONS } from '../../src/write/post-options.js';
import { tempDir } from '../helpers/cli.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

afterEach(() => {
  delete process.env.HTTPS_PROXY;
});

describe('runFetch', () => {
  // The CLI checks the proxy variables first; this is the run's own guard behind that check.
  it('leaves no directory lock behind when it cannot make its HTTP client', async () => {
    const out = await tempDir();
    process.env.HTTPS_PROXY = '::not a url';
    const run = runFetch({
      sections: [], feeds: ['https://rsshub.example/zaobao/realtime/china'], outDir: out, concurrency: 2, timeoutMs: 1000, retries: 0, hostDelayMs: 0,
      userAgent: 'test', dryRun: false, update: false, respectRobots: false, skipPaywalled: false, prefer: 'page', post: DEFAULT_POST_OPTIONS, log: quiet,
    });
    await expect(run).rejects.toThrow(/Invalid URL/);
    expect(await readdir(out)).toEqual([]);
  });
});
