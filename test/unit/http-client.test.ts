import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FetchError, HttpClient, type HttpOptions } from '../../src/fetch/http.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer({
    '/busy': { status: 503, body: 'busy', headers: { 'retry-after': '0' } },
    '/down': { status: 503, body: 'down' },
    '/endless': {
      // Chunked, no Content-Length: only counting the bytes as they come can stop it.
      handle: (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => response.write('<p>大</p>'.repeat(100)), 5);
        response.on('close', () => clearInterval(timer));
      },
    },
    '/page': { body: '<p>页</p>'.repeat(2000) },
  });
});
afterAll(() => site.close());

const client = (options: Partial<HttpOptions> & { retries: number }) =>
  new HttpClient({ timeoutMs: 5_000, userAgent: 'zb-scrape-test', retryBaseMs: 1, ...options });

describe('the HTTP client', () => {
  it('waits between retries without piling up listeners on the run signal', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', onWarning);
    try {
      const http = client({ retries: 1, signal: new AbortController().signal });
      // Each request waits once before its retry: 15 waits on one run, past Node's warning at 11.
      for (let i = 0; i < 15; i++) await expect(http.getText(new URL(`${site.origin}/busy`))).rejects.toThrow(/HTTP 503/);
      await http.close();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('reads a whole body, and stops reading one past its cap', async () => {
    const http = client({ retries: 0, maxBytes: 20_000 });
    try {
      const page = await http.getText(new URL(`${site.origin}/page`));
      expect(page.text).toBe('<p>页</p>'.repeat(2000));
      await expect(http.getText(new URL(`${site.origin}/endless`))).rejects.toThrow('response exceeds the 20000-byte cap');
    } finally {
      await http.close();
    }
  });

  it('gives up a request waiting for its retry when the client is closed', async () => {
    const http = client({ retries: 3, retryBaseMs: 60_000 });
    const started = Date.now();
    // No Retry-After: the first retry would wait 15-30 s.
    const outcome = expect(http.getText(new URL(`${site.origin}/down`))).rejects.toBeInstanceOf(FetchError);
    await vi.waitFor(() => expect(site.requestsFor('/down')).toHaveLength(1));
    await http.close();
    await outcome;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(site.requestsFor('/down')).toHaveLength(1);
  });
});
