import { describe, expect, it } from 'vitest';
import { isPrivateHost, isPrivateIp } from '../../src/fetch/private-address.js';

describe('private, loopback and link-local addresses', () => {
  it.each([
    ['10.1.2.3', true], ['172.16.0.1', true], ['172.31.255.255', true], ['192.168.1.1', true], ['127.0.0.1', true], ['127.9.9.9', true],
    ['169.254.169.254', true], ['0.0.0.0', true], ['::1', true], ['fe80::1', true], ['fc00::1', true], ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['[::1]', true],
    ['172.32.0.1', false], ['8.8.8.8', false], ['203.116.1.1', false], ['2001:4860::8888', false], ['::ffff:8.8.8.8', false], ['zaobao.com', false],
  ])('%s is private: %s', (address, expected) => {
    expect(isPrivateIp(address)).toBe(expected);
  });

  it('resolves host names: localhost is private, a name that does not resolve is not known to be', async () => {
    expect(await isPrivateHost('localhost')).toBe(true);
    expect(await isPrivateHost('a.b.localhost')).toBe(true);
    expect(await isPrivateHost('127.0.0.1')).toBe(true);
    expect(await isPrivateHost('[::1]')).toBe(true);
    expect(await isPrivateHost('8.8.8.8')).toBe(false);
    expect(await isPrivateHost('feeds.invalid')).toBe(false);
  });
});
