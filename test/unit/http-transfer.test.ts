import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FetchError, HttpClient, RedirectError, type HttpOptions } from '../../src/fetch/http.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';

let site: SiteServer;
let cutAttempts = 0;
beforeAll(async () => {
  site = await startSiteServer({
    '/page': { body: '<p>页</p>' },
    '/missing': { status: 404, body: 'not here' },
    '/declared-large': { body: 'x'.repeat(5000), headers: { 'content-length': '5000' } },
    '/bomb': { body: gzipSync(Buffer.alloc(50_000)), headers: { 'content-encoding': 'gzip' } },
    '/gzipped': { body: gzipSync('<p>压缩</p>'), headers: { 'content-encoding': 'gzip' } },
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
    '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
    '/picture.gz': { body: gzipSync(Buffer.alloc(3000, 1)), contentType: 'image/png', headers: { 'content-encoding': 'gzip' } },
    '/picture-bomb': { body: gzipSync(Buffer.alloc(50_000)), contentType: 'image/png', headers: { 'content-encoding': 'gzip' } },
    '/picture-corrupt': { body: Buffer.from('not gzip at all'), contentType: 'image/png', headers: { 'content-encoding': 'gzip' } },
    '/picture-slow': {
      // Five seconds in all, a chunk every 50 ms: longer than the timeout, never idle for long.
      handle: (_request, response) => {
        response.writeHead(200, { 'content-type': 'image/png' });
        let sent = 0;
        const timer = setInterval(() => {
          response.write(Buffer.alloc(10, 1));
          if (++sent === 100) {
            clearInterval(timer);
            response.end();
          }
        }, 50);
        response.on('close', () => clearInterval(timer));
      },
    },
    '/picture-cut': {
      handle: (_request, response) => {
        cutAttempts++;
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': '1000' });
        response.write('half');
        setTimeout(() => response.socket?.destroy(), 20);
      },
    },
    '/to-page': { status: 301, headers: { location: '/page' } },
  });
});
afterAll(() => site.close());

const url = (path: string) => new URL(`${site.origin}${path}`);

async function withClient<T>(options: Partial<HttpOptions>, use: (http: HttpClient) => Promise<T>): Promise<T> {
  const http = new HttpClient({ timeoutMs: 5000, retries: 0, userAgent: 'zb-scrape-test', maxBytes: 1000, retryBaseMs: 1, ...options });
  try {
    return await use(http);
  } finally {
    await http.close();
  }
}

describe('one request and its answer', () => {
  it('gives status, type and the body of a wanted answer, decoded', async () => {
    await withClient({}, async (http) => {
      const page = await http.getText(url('/page'));
      expect(page).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8', url: url('/page').href });
      expect(page.text).toBe('<p>页</p>');
      expect((await http.getText(url('/gzipped'))).text).toBe('<p>压缩</p>');
    });
  });

  it('drops the body of an error, and the connection serves the next request', async () => {
    await withClient({ connectionsPerOrigin: 1 }, async (http) => {
      const before = site.connections();
      await expect(http.getText(url('/missing'))).rejects.toMatchObject({ reason: 'HTTP 404', status: 404 });
      expect((await http.getText(url('/page'))).status).toBe(200);
      expect(site.connections() - before).toBe(1);
    });
  });

  it('stops reading an endless error body, and still gives the answer', async () => {
    await withClient({ timeoutMs: 3000 }, async (http) => {
      const started = Date.now();
      await expect(http.getText(url('/endless-error'))).rejects.toMatchObject({ reason: 'HTTP 500' });
      expect(Date.now() - started).toBeLessThan(2500);
    });
  });

  it('refuses a body that Content-Length announces past the cap, or that decompresses past it', async () => {
    await withClient({}, async (http) => {
      await expect(http.getText(url('/declared-large'))).rejects.toThrow('response of 5000 bytes exceeds the 1000-byte cap');
      await expect(http.getText(url('/bomb'))).rejects.toThrow('response exceeds the 1000-byte cap once decompressed');
    });
  });

  it('times out before the answer, or with the body begun (then the body is incomplete)', async () => {
    await withClient({ timeoutMs: 150 }, async (http) => {
      await expect(http.getText(url('/slow-headers'))).rejects.toThrow('timed out after 150 ms');
      await expect(http.getText(url('/slow-body'))).rejects.toThrow('body incomplete: timed out after 150 ms');
    });
  });

  it('reports a connection lost mid-body as an incomplete body, and retries it', async () => {
    const retries: string[] = [];
    await withClient({ retries: 1, onRetry: (_url, _attempt, reason) => retries.push(reason) }, async (http) => {
      await expect(http.getText(url('/cut-short'))).rejects.toThrow(/^body incomplete/);
    });
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatch(/^body incomplete/);
  });

  it('follows redirects to http(s) addresses only', async () => {
    await withClient({}, async (http) => {
      expect((await http.getText(url('/to-page'))).url).toBe(url('/page').href);
      const refused = http.getText(url('/to-file'));
      await expect(refused).rejects.toBeInstanceOf(RedirectError);
      await expect(refused).rejects.toThrow('redirected to a file: address (file:///etc/passwd), which is not fetched');
    });
  });

  it('lets the caller decide where a redirect leads', async () => {
    await withClient({}, async (http) => {
      const refuse = () => {
        throw new RedirectError('not there');
      };
      await expect(http.getText(url('/to-page'), { redirect: refuse })).rejects.toThrow('not there');
    });
  });

  it('sends no request of a run once it is interrupted, the one waiting for a connection included', async () => {
    const run = new AbortController();
    await withClient({ connectionsPerOrigin: 1, signal: run.signal }, async (http) => {
      const sent = site.requestsFor('/page').length;
      // One connection, busy with the first request: the second waits for it.
      const first = http.getText(url('/a-while'));
      first.catch(() => {});
      await vi.waitFor(() => expect(site.requestsFor('/a-while').length).toBeGreaterThan(0));
      const queued = http.getText(url('/page'));
      run.abort();
      await expect(queued).rejects.toThrow('interrupted');
      await expect(first).rejects.toBeInstanceOf(FetchError);
      await expect(http.getText(url('/page'))).rejects.toThrow('interrupted');
      expect(site.requestsFor('/page').length).toBe(sent);
    });
  });
});

describe('downloads (pictures): the body streamed to a reader', () => {
  const collect = async (chunks: AsyncIterable<Buffer>) => {
    let size = 0;
    for await (const chunk of chunks) size += chunk.length;
    return size;
  };

  it('hands the reader the decompressed body and its type, capped once decompressed', async () => {
    await withClient({}, async (http) => {
      const read = vi.fn(async (chunks: AsyncIterable<Buffer>, type: string) => ({ size: await collect(chunks), type }));
      expect(await http.download(url('/picture.gz'), { accept: 'image/*', maxBytes: 10_000, read })).toEqual({ size: 3000, type: 'image/png' });
      await expect(http.download(url('/picture-bomb'), { accept: 'image/*', maxBytes: 10_000, read })).rejects.toThrow(/exceeds the 10000-byte cap/);
    });
  });

  it('gives a download the timeout between two chunks, where a page has it for the whole exchange', async () => {
    await withClient({ timeoutMs: 2000 }, async (http) => {
      expect(await http.download(url('/picture-slow'), { accept: 'image/*', maxBytes: 10_000, read: collect })).toBe(1000);
      await expect(http.getText(url('/picture-slow'), { maxBytes: 10_000 })).rejects.toThrow(/timed out after 2000 ms/);
    });
  }, 20_000);

  it('does not retry a body that does not decompress', async () => {
    await withClient({ retries: 2 }, async (http) => {
      const before = http.requestCount;
      await expect(http.download(url('/picture-corrupt'), { accept: 'image/*', maxBytes: 10_000, read: collect })).rejects.toThrow(/corrupt compressed body/);
      expect(http.requestCount - before).toBe(1);
    });
  });

  it('retries a transfer cut midway, but not a body its reader refused', async () => {
    await withClient({ retries: 2 }, async (http) => {
      cutAttempts = 0;
      await expect(http.download(url('/picture-cut'), { accept: 'image/*', maxBytes: 10_000, read: collect })).rejects.toThrow(/body incomplete/);
      expect(cutAttempts).toBe(3);
      const before = http.requestCount;
      const refuse = async () => {
        throw new FetchError('not a raster picture');
      };
      await expect(http.download(url('/picture.gz'), { accept: 'image/*', maxBytes: 10_000, read: refuse })).rejects.toThrow(/not a raster picture/);
      expect(http.requestCount - before).toBe(1);
    });
  });
});
