/**
 * A local stand-in for zaobao.com: serves fixture pages by path, records every request,
 * and can be told to fail in specific ways. Tests point the CLI at it with --origin.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function fixture(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

export interface Route {
  status?: number;
  body?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Called instead of serving `body`, for custom behaviour. */
  handle?: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface SiteServer {
  origin: string;
  /** Paths requested, in order (with query). */
  requests: string[];
  routes: Map<string, Route>;
  /** TCP connections accepted so far. */
  connections(): number;
  requestsFor(prefix: string): string[];
  close(): Promise<void>;
}

export async function startSiteServer(routes: Record<string, Route>): Promise<SiteServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    // As a proxy for any host too: a request in absolute form is for that path.
    const raw = request.url ?? '/';
    const url = /^https?:/.test(raw) ? `${new URL(raw).pathname}${new URL(raw).search}` : raw;
    requests.push(url);
    const route = table.get(url) ?? table.get(url.split('?')[0]!);
    if (!route) {
      response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      return;
    }
    if (route.handle) {
      route.handle(request, response);
      return;
    }
    response.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/html; charset=utf-8', ...route.headers });
    response.end(route.body ?? '');
  });
  let connections = 0;
  server.on('connection', () => connections++);
  // A proxied request may come through a tunnel (CONNECT), served here as a connection of its own.
  server.on('connect', (_request, socket, head) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes: table,
    connections: () => connections,
    requestsFor: (prefix) => requests.filter((path) => path.startsWith(prefix)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
