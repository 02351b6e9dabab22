/**
 * Shared helpers for the benchmarks: paths, timing, running the built CLI as a child
 * process, and a local stand-in for the site (node:http on this machine only).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'zb-scrape.js');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The child never goes through a proxy: every request of a benchmark is to this machine. */
export function childEnv() {
  const env = { ...process.env };
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy', 'ZB_SCRAPE_ORIGIN']) delete env[name];
  env.NO_PROXY = '127.0.0.1,localhost';
  env.NODE_OPTIONS = '';
  return env;
}

/**
 * Runs a command without blocking this process's event loop (the local server lives
 * here). Resolves with exit code, output and wall time; kills the child (by its pid)
 * after `timeoutMs`.
 */
export function run(command, args, { timeoutMs = 120_000, cwd = ROOT, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const started = nowMs();
    const child = spawn(command, args, { cwd, env: { ...childEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = nowMs() - started;
      const result = {
        code, signal, wallMs, timedOut, startedAt: started,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      };
      if (timedOut) reject(Object.assign(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms`), { result }));
      else resolve(result);
    });
  });
}

/** `node bin/zb-scrape.js …` */
export const runCli = (args, { bin = BIN, ...options } = {}) => run(process.execPath, [bin, ...args], options);

/** Parses the `--json` summary on stdout; throws with the child's stderr when there is none. */
export function parseSummary(result) {
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new Error(`no JSON summary (exit ${result.code}):\n${result.stderr.slice(0, 2000)}`);
  }
}

/**
 * Each run keeps its state file in its own temporary directory: by default it would go beside
 * the output directory, in the OS temp directory, shared by every run.
 */
export const STATE_FILE = '.zb-scrape-state.json';

export async function tempDir(prefix) {
  return mkdtemp(join(os.tmpdir(), `zb-bench-${prefix}-`));
}

export const removeDir = (dir) => rm(dir, { recursive: true, force: true });

/**
 * This machine's address on its network (not loopback): a server there is, to zb-scrape, a
 * site like any other, paced by --delay. Undefined when the machine has none.
 */
export function networkAddress() {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
}

/**
 * A local server (on 127.0.0.1 unless `host` says otherwise), which also answers as an HTTP
 * proxy for any host. `handler(path)` returns `{status, body, contentType}` or undefined (404);
 * `/robots.txt` allows everything unless the handler serves it. Every response waits
 * `delayMs`. After `maxRequests` the server answers 503 to everything, so a runaway loop
 * cannot go on for ever.
 */
export async function startServer(handler, { delayMs = 0, maxRequests = 20_000, host = '127.0.0.1' } = {}) {
  const requests = [];
  /** nowMs() of each request's arrival, same order as `requests`. */
  const times = [];
  const server = createServer((request, response) => {
    // As a proxy too: a request in absolute form (`GET http://host/path`) is for that path.
    const raw = request.url ?? '/';
    const path = /^https?:/.test(raw) ? `${new URL(raw).pathname}${new URL(raw).search}` : raw;
    requests.push(path);
    times.push(nowMs());
    const respond = () => {
      if (requests.length > maxRequests) {
        response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' }).end('request budget exhausted');
        return;
      }
      // zb-scrape reads robots.txt before its first Zaobao URL: the stand-in allows everything.
      const route = handler(path) ?? (path === '/robots.txt' ? { body: 'User-agent: *\nAllow: /\n', contentType: 'text/plain' } : undefined);
      if (!route) {
        response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
        return;
      }
      response.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'text/html; charset=utf-8' });
      response.end(route.body ?? '');
    };
    if (delayMs > 0) setTimeout(respond, delayMs);
    else respond();
  });
  // A proxied request may come through a tunnel (CONNECT): the tunnel is served as a connection of its own.
  server.on('connect', (_request, socket, head) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    server.emit('connection', socket);
  });
  await new Promise((resolve) => server.listen(0, host, resolve));
  const { port } = server.address();
  return {
    origin: `http://${host}:${port}`,
    requests,
    times,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const isArticleRequest = (path) => /story\d{8}-\d+/.test(path);

/** Story ids: `{ id, day, path, url }` for n distinct stories in the china section. */
export function stories(n, { firstId = 9_700_000, section = 'china' } = {}) {
  const list = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 50) * 86_400_000);
    const ymd = date.toISOString().slice(0, 10);
    const id = String(firstId + i);
    const path = `/news/${section}/story${ymd.replaceAll('-', '')}-${id}`;
    list.push({ id, day: ymd, index: i, path, url: `https://www.zaobao.com.sg${path}` });
  }
  return list;
}

export function rssFeed(items) {
  const body = items
    .map((story) => `<item><title>新闻 ${story.id}</title><link>${story.url}</link><pubDate>${new Date(`${story.day}T02:00:00Z`).toUTCString()}</pubDate></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>联合早报 中国</title><link>https://www.zaobao.com.sg/news/china</link><description>bench</description>\n${body}\n</channel></rss>`;
}

export const FEED_CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    totalMemoryMB: Math.round(os.totalmem() / 1024 / 1024),
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    /** Load averages (1, 5, 15 min) when the run started: a busy machine makes every number worse. */
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** HEAD and whether the working tree had uncommitted changes (the build is of the working tree). */
export function gitState() {
  let dirty;
  try {
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
  } catch {
    dirty = undefined;
  }
  return { revision: gitRevision(), dirty };
}

export function gitRevision() {
  try {
    const head = readFileSync(join(ROOT, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head.slice(0, 12);
    const refPath = join(ROOT, '.git', head.slice(5));
    return existsSync(refPath) ? readFileSync(refPath, 'utf8').trim().slice(0, 12) : head.slice(5);
  } catch {
    return undefined;
  }
}
