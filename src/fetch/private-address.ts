/**
 * Addresses no request from a public feed may be led to: private networks (RFC 1918, fc00::/7),
 * loopback and link-local (169.254.0.0/16, fe80::/10), and the unspecified address. A feed on a
 * public host that redirects there would make zb-scrape reach into the user's own network.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [network, prefix] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['127.0.0.0', 8], ['169.254.0.0', 16], ['0.0.0.0', 8]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['fc00::', 7], ['fe80::', 10], ['::1', 128], ['::', 128]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** An IP address (v4, v6, or v4-mapped v6) in a private, loopback or link-local range. */
export function isPrivateIp(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(ip);
  if (family === 4) return PRIVATE.check(ip, 'ipv4');
  if (family === 6) {
    // An IPv4-mapped address written in hex (::ffff:7f00:1), as URLs normalise it.
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ip);
    if (hex) {
      const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
      return PRIVATE.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
    }
    return PRIVATE.check(ip, 'ipv6');
  }
  return false;
}

/**
 * Whether a host name is, or resolves to, a private address. A name that does not resolve here
 * counts as public: the proxy, if any, resolves it, and nothing can be said of it.
 */
export async function isPrivateHost(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isIP(host)) return isPrivateIp(host);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.some(({ address }) => isPrivateIp(address));
  } catch {
    return false;
  }
}
