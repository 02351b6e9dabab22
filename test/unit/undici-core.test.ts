import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const response = await core.request(url, agent, { method: 'GET' });
    return { status: response.statusCode, text: await response.body.text() };
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

});
