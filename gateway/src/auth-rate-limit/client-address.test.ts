import { describe, expect, it } from '@jest/globals';
import { clientAddress, normalizeAddress, parseTrustProxy, rateLimitKey, trustNoProxy } from './client-address.js';

describe('clientAddress', () => {
  it('by default is the socket peer: X-Forwarded-For, which any client can write, is ignored', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', trustNoProxy)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:203.0.113.7', undefined, parseTrustProxy('false'))).toBe('203.0.113.7');
    expect(clientAddress(undefined, '198.51.100.1', trustNoProxy)).toBe('unknown');
  });

  it('with a hop count, takes the entry that many proxies back and ignores what the client prepended', () => {
    const oneProxy = parseTrustProxy('1');
    // The client sent "X-Forwarded-For: 1.1.1.1" itself; our load balancer appended its real address.
    expect(clientAddress('10.0.0.5', '1.1.1.1, 203.0.113.7', oneProxy)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', ['1.1.1.1', '203.0.113.7'], oneProxy)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', '1.1.1.1, 203.0.113.7, 10.0.0.9', parseTrustProxy('2'))).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', undefined, oneProxy)).toBe('10.0.0.5');
  });

  it('with addresses, walks back while the hop is one of our proxies', () => {
    const ours = parseTrustProxy('loopback, 10.0.0.0/8');
    expect(clientAddress('127.0.0.1', '1.1.1.1, 203.0.113.7, 10.1.2.3', ours)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', ours)).toBe('203.0.113.7');
    // A peer that is not ours: its header is not believed.
    expect(clientAddress('198.51.100.9', '203.0.113.7', ours)).toBe('198.51.100.9');
    // Every hop ours: the farthest one.
    expect(clientAddress('127.0.0.1', '10.0.0.1', ours)).toBe('10.0.0.1');
    expect(clientAddress('::1', '2001:db8::1', parseTrustProxy('loopback'))).toBe('2001:db8::1');
  });

  it('stops at an entry that is not an address, and reads ports and brackets', () => {
    const oneProxy = parseTrustProxy('2');
    expect(clientAddress('10.0.0.5', 'evil, nonsense', oneProxy)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '203.0.113.7:5123, 10.0.0.9', oneProxy)).toBe('203.0.113.7');
    expect(normalizeAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
  });
});

describe('parseTrustProxy', () => {
  it('refuses true and anything that is not an address, a range or a known name', () => {
    expect(() => parseTrustProxy('true')).toThrow(/any client pick its address/);
    expect(() => parseTrustProxy('localhost')).toThrow(/"localhost" is not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/x')).toThrow(/not an IP address/);
    expect(() => parseTrustProxy('10.0.0.0/')).toThrow(/not an IP address/); // not /0: that would trust everyone
    expect(() => parseTrustProxy('::1/')).toThrow(/not an IP address/);
    expect(parseTrustProxy('0')).toBe(trustNoProxy);
    expect(parseTrustProxy('')).toBe(trustNoProxy);
  });

  it('knows the named ranges', () => {
    const trusted = parseTrustProxy('linklocal,uniquelocal');
    expect(
      ['169.254.1.1', 'fe80::1', '10.2.3.4', '172.20.0.1', '192.168.1.1', 'fd00::1'].every((a) => trusted(a, 0)),
    ).toBe(true);
    expect(trusted('172.32.0.1', 0) || trusted('127.0.0.1', 0)).toBe(false);
  });
});

describe('rateLimitKey', () => {
  it('is the IPv4 address, or the /64 of an IPv6 one', () => {
    expect(rateLimitKey('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitKey('2001:DB8:0001:0002:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('64:ff9b::203.0.113.7')).toBe('64:ff9b:0:0::/64');
    expect(rateLimitKey('unknown')).toBe('unknown');
  });
});
