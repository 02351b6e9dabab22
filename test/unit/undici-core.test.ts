import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange } from '../../src/fetch/exchange.js';
import { undiciCore, undiciFromIndex, type UndiciCore } from '../../src/fetch/undici-core.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer({ '/page?x=1': { body: 'hello' } });
});
afterAll(() => site.close());

async function getText(core: UndiciCore, url: URL): Promise<{ status: number; text: string }> {
  const agent = new core.Agent();
  try {
    const answer = await exchange(agent, url, { headers: {}, timeoutMs: 5000, maxBytes: 1000, keepBody: () => true, cancellable: () => () => {} });
    return { status: answer.status, text: answer.body.toString('utf8') };
  } finally {
    await agent.close();
  }
}

describe('undici core', () => {
  // An undici release that moves its modules would silently cost every run ~100 ms of start-up.
  it('loads undici modules by path, not through the index', () => {
    expect(undiciCore.fromIndex).toBe(false);
  });

  it.each([
    ['modules by path', undiciCore],
    ['the index (fallback)', undiciFromIndex()],
  ])('requests path and query through %s', async (_, core) => {
    expect(await getText(core, new URL(`${site.origin}/page?x=1`))).toEqual({ status: 200, text: 'hello' });
    expect(site.requests.at(-1)).toBe('/page?x=1');
  });

  // The one file the bundle build makes of them (`npm test` builds first).
  it('bundled, makes the same requests without loading node:http2', async () => {
    const bundled = fileURLToPath(new URL('../../dist/bundle/undici-parts.cjs', import.meta.url));
    const script = `
      const { Agent, Dispatcher, api } = require(${JSON.stringify(bundled)});
      Object.assign(Dispatcher.prototype, api);
      const agent = new Agent();
      agent.request({ origin: ${JSON.stringify(site.origin)}, path: '/page?x=1', method: 'GET' })
        .then((response) => response.body.text())
        .then((text) => {
          const http2 = process.moduleLoadList.some((name) => /\\bhttp2\\b/.test(name));
          console.log(JSON.stringify({ text, http2 }));
          return agent.close();
        });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script]);
    expect(JSON.parse(stdout)).toEqual({ text: 'hello', http2: false });
  });
});
