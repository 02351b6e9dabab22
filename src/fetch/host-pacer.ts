/**
 * Politeness: requests to one host start at least a set interval apart, whatever the
 * concurrency, so a run never opens with a burst against the site. A server on this machine
 * (a test server, a local mirror) is not a site to be polite to, and is not paced.
 */
export class HostPacer {
  /** When the next request to each host may start (epoch ms). */
  private readonly nextStart = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long a request to `hostname` must wait before it starts; the start is booked. */
  reserve(hostname: string): number {
    if (this.intervalMs <= 0 || isLoopbackHost(hostname)) return 0;
    const now = this.now();
    const start = Math.max(now, this.nextStart.get(hostname) ?? now);
    this.nextStart.set(hostname, start + this.intervalMs);
    return start - now;
  }
}

/** `localhost`, `127.x.x.x` and `::1`: this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
