import { createServer, request as httpRequest, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { startSiteServer, type SiteServer } from '../helpers/site-server.js';
import { articleRoutes, feedRoute, isArticleRequest } from '../helpers/zaobao-site.js';

let site: SiteServer | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await site?.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  site = proxy = undefined;
});

/** A forward proxy on loopback: absolute-form requests and CONNECT tunnels, each one recorded. */
async function startProxy(seen: string[]): Promise<string> {
  proxy = createServer((request, response) => {
    seen.push(request.url ?? '');
    const upstream = httpRequest(request.url!, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  proxy.on('connect', (request, socket, head) => {
    seen.push(`CONNECT ${request.url}`);
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe('proxies', () => {
  it('goes through HTTP_PROXY', async () => {
    site = await startSiteServer({ '/feed.xml': feedRoute(), ...articleRoutes() });
    const seen: string[] = [];
    const proxyUrl = await startProxy(seen);
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--feed', `${site.origin}/feed.xml`, '--out', out, '--json'], {
      env: { HTTP_PROXY: proxyUrl, NO_PROXY: '' },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ written: 6 });
    expect(seen.length).toBeGreaterThan(0);
    expect(site.requests.filter(isArticleRequest)).toHaveLength(6);
  });

  it('goes direct for hosts in NO_PROXY', async () => {
    site = await startSiteServer({ '/feed.xml': feedRoute(), ...articleRoutes() });
    const seen: string[] = [];
    const proxyUrl = await startProxy(seen);
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--feed', `${site.origin}/feed.xml`, '--out', out, '--json'], {
      env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
    });
    expect(result.code).toBe(0);
    expect(seen).toEqual([]);
  });

  it.each([
    ['HTTPS_PROXY', '::not a url'],
    ['http_proxy', 'proxy.example:3128'],
  ])('refuses a malformed %s before it locks or fetches anything (exit 2)', async (name, value) => {
    site = await startSiteServer({ '/feed.xml': feedRoute(), ...articleRoutes() });
    const out = await tempDir();
    const result = await runCli(['fetch', '--origin', site.origin, '--feed', `${site.origin}/feed.xml`, '--out', out], { env: { [name]: value, NO_PROXY: '' } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${name}='${value}' is not a proxy URL`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(site.requests).toEqual([]);
    expect(existsSync(join(out, '.zb-scrape.lock'))).toBe(false);
  });
});
