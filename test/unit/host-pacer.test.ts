import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/fetch/http.js';
import { HostPacer, isLoopbackHost } from '../../src/fetch/host-pacer.js';
import { DEFAULTS, resolveNetwork } from '../../src/cli/settings.js';

describe('HostPacer', () => {
  function pacerAt(intervalMs: number) {
    const clock = { now: 1_000_000 };
    return { clock, pacer: new HostPacer(intervalMs, () => clock.now) };
  }

  it('spaces the starts of requests to one host, however many are asked for at once', () => {
    const { pacer } = pacerAt(100);
    expect([1, 2, 3, 4].map(() => pacer.reserve('www.zaobao.com.sg'))).toEqual([0, 100, 200, 300]);
  });

  it('counts from the booked starts, so time that has passed is not waited for again', () => {
    const { clock, pacer } = pacerAt(100);
    expect(pacer.reserve('www.zaobao.com.sg')).toBe(0);
    expect(pacer.reserve('www.zaobao.com.sg')).toBe(100);
    clock.now += 150;
    expect(pacer.reserve('www.zaobao.com.sg')).toBe(50);
    clock.now += 1_000;
    expect(pacer.reserve('www.zaobao.com.sg')).toBe(0);
  });

  it('paces each host on its own', () => {
    const { pacer } = pacerAt(100);
    expect(pacer.reserve('www.zaobao.com.sg')).toBe(0);
    expect(pacer.reserve('www.zaobao.com')).toBe(0);
    expect(pacer.reserve('rsshub.example.org')).toBe(0);
    expect(pacer.reserve('www.zaobao.com')).toBe(100);
  });

  it('does not pace a server on this machine, nor anything when the interval is 0', () => {
    const { pacer } = pacerAt(100);
    expect([1, 2, 3].map(() => pacer.reserve('127.0.0.1'))).toEqual([0, 0, 0]);
    const { pacer: off } = pacerAt(0);
    expect([1, 2, 3].map(() => off.reserve('www.zaobao.com.sg'))).toEqual([0, 0, 0]);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['localhost', true], ['LOCALHOST.', true], ['app.localhost', true], ['127.0.0.1', true], ['127.1.2.3', true],
    ['[::1]', true], ['::1', true],
    ['www.zaobao.com.sg', false], ['10.0.0.5', false], ['127.0.0.1.example.com', false], ['localhost.example.com', false],
  ])('%s -> %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('the delay setting', () => {
  it('is on by default, and the flag wins over the config file', () => {
    expect(resolveNetwork({}, {}).hostDelayMs).toBe(DEFAULTS.hostDelayMs);
    expect(DEFAULTS.hostDelayMs).toBeGreaterThan(0);
    expect(resolveNetwork({}, { delay: 500 }).hostDelayMs).toBe(500);
    expect(resolveNetwork({ delay: 0 }, { delay: 500 }).hostDelayMs).toBe(0);
  });
});

/** An address of this machine that is not loopback, as a far-away host would be: none on some CI runners. */
function networkAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
}

describe('HttpClient', () => {
  const address = networkAddress();
  it.skipIf(!address)('paces requests to a host that is not this machine by name', async () => {
    const arrivals: number[] = [];
    const server = createServer((_request, response) => {
      arrivals.push(Date.now());
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const client = new HttpClient({ timeoutMs: 5_000, retries: 0, userAgent: 'test', hostDelayMs: 150 });
    try {
      const base = `http://${address}:${(server.address() as AddressInfo).port}`;
      const started = Date.now();
      await Promise.all([1, 2, 3].map((n) => client.getText(new URL(`${base}/${n}`))));
      // The k-th request may not leave before k intervals have passed (lower bounds only: a
      // slow machine delays arrivals, it never brings them forward; 5 ms for clock rounding).
      expect(arrivals).toHaveLength(3);
      arrivals.forEach((time, k) => expect(time - started).toBeGreaterThanOrEqual(k * 150 - 5));
    } finally {
      await client.close();
      server.close();
    }
  });

  it.skipIf(!address)('paces a whole run without warnings', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    // Every paced request waits on the run's signal, as in a fetch run.
    const client = new HttpClient({ timeoutMs: 5_000, retries: 0, userAgent: 'test', hostDelayMs: 10, signal: new AbortController().signal });
    try {
      const base = `http://${address}:${(server.address() as AddressInfo).port}`;
      await Promise.all(Array.from({ length: 15 }, (_, n) => client.getText(new URL(`${base}/${n}`))));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
      await client.close();
      server.close();
    }
    expect(warnings).toEqual([]);
  });
});
