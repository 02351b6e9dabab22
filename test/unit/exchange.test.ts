import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BodyIncompleteError, BodyTooLargeError, exchange, type ExchangeOptions } from '../../src/fetch/exchange.js';
import { undiciCore } from '../../src/fetch/undici-core.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer({
    '/page': { body: '<p>页</p>' },
    '/missing': { status: 404, body: 'not here' },
    '/declared-large': { body: 'x'.repeat(5000), headers: { 'content-length': '5000' } },
    '/endless-error': {
      handle: (_request, response) => {
        response.writeHead(500, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('x'.repeat(500)), 5);
        response.on('close', () => clearInterval(timer));
      },
    },
    '/slow-headers': { handle: (_request, response) => void setTimeout(() => response.end('late'), 2000) },
    '/a-while': { handle: (_request, response) => void setTimeout(() => response.end('done'), 200) },
    '/slow-body': {
      handle: (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<p>begun');
        const timer = setTimeout(() => response.end('</p>'), 2000);
        response.on('close', () => clearTimeout(timer));
      },
    },
    '/cut-short': {
      handle: (_request, response) => {
        response.writeHead(200, { 'content-length': '1000' });
        response.write('only this much');
        setTimeout(() => response.socket?.destroy(), 20);
      },
    },
  });
});
afterAll(() => site.close());

let agent = new undiciCore.Agent({ connections: 1 });
afterEach(async () => {
  await agent.destroy();
  agent = new undiciCore.Agent({ connections: 1 });
});

const options = (overrides: Partial<ExchangeOptions> = {}): ExchangeOptions => ({
  headers: { 'user-agent': 'zb-scrape-test' },
  timeoutMs: 5000,
  maxBytes: 1000,
  keepBody: (status) => status === 200,
  cancellable: () => () => {},
  ...overrides,
});
const url = (path: string) => new URL(`${site.origin}${path}`);

describe('one exchange over undici', () => {
  it('gives status, headers and the body of a wanted answer', async () => {
    const answer = await exchange(agent, url('/page'), options());
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body.toString('utf8')).toBe('<p>页</p>');
  });

  it('reads an unwanted body to its end without keeping it, and the connection serves the next request', async () => {
    const before = site.connections();
    const missing = await exchange(agent, url('/missing'), options());
    expect(missing).toMatchObject({ status: 404, body: Buffer.alloc(0) });
    expect((await exchange(agent, url('/page'), options())).status).toBe(200);
    expect(site.connections() - before).toBe(1);
  });

  // A body without Content-Length is stopped once past the cap (http-client.test.ts).
  it('stops reading an unwanted body past the cap, and still gives the answer', async () => {
    const started = Date.now();
    const answer = await exchange(agent, url('/endless-error'), options({ timeoutMs: 3000 }));
    expect(answer).toMatchObject({ status: 500, body: Buffer.alloc(0) });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('fails at the headers when Content-Length announces more than the cap', async () => {
    const announced = exchange(agent, url('/declared-large'), options());
    await expect(announced).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(announced).rejects.toMatchObject({ maxBytes: 1000, declaredBytes: 5000 });
  });

  it('times out before the answer, or with the body begun (then the body is incomplete)', async () => {
    await expect(exchange(agent, url('/slow-headers'), options({ timeoutMs: 100 }))).rejects.toMatchObject({ name: 'TimeoutError' });
    const slowBody = exchange(agent, url('/slow-body'), options({ timeoutMs: 150 }));
    await expect(slowBody).rejects.toBeInstanceOf(BodyIncompleteError);
    await expect(slowBody).rejects.toMatchObject({ cause: { name: 'TimeoutError' } });
  });

  it('reports a connection lost mid-body as an incomplete body', async () => {
    await expect(exchange(agent, url('/cut-short'), options())).rejects.toBeInstanceOf(BodyIncompleteError);
  });

  it('cancels a request still waiting for a connection without sending it', async () => {
    let cancelQueued: ((reason: Error) => void) | undefined;
    const sent = site.requestsFor('/page').length;
    // One connection: the second request waits in the pool behind the first.
    const first = exchange(agent, url('/a-while'), options());
    const queued = exchange(agent, url('/page'), options({ cancellable: (cancel) => ((cancelQueued = cancel), () => {}) }));
    cancelQueued!(new Error('interrupted'));
    await expect(queued).rejects.toThrow('interrupted');
    await first;
    expect(site.requestsFor('/page').length).toBe(sent);
  });

  it('sends nothing when cancelled as it registers', async () => {
    const sent = site.requests.length;
    const cancelled = exchange(agent, url('/page'), options({ cancellable: (cancel) => (cancel(new Error('already interrupted')), () => {}) }));
    await expect(cancelled).rejects.toThrow('already interrupted');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(site.requests.length).toBe(sent);
  });
});
