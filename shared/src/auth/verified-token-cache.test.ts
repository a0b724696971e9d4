import { describe, expect, it } from '@jest/globals';
import { VerifiedTokenCache } from './verified-token-cache.js';

const identity = (expiresInMs: number, now: number) => ({
  userId: 'u',
  role: 'INVESTOR' as const,
  expiresAt: new Date(now + expiresInMs),
});

describe('VerifiedTokenCache', () => {
  it('forgets a token when it expires, or after the maximum age, whichever comes first', () => {
    const cache = new VerifiedTokenCache(10, 60_000);
    cache.set('short', identity(5_000, 0), 0);
    cache.set('long', identity(900_000, 0), 0);
    expect(cache.get('short', 4_999)).toBeDefined();
    expect(cache.get('short', 5_000)).toBeUndefined();
    expect(cache.get('long', 59_999)).toBeDefined();
    expect(cache.get('long', 60_000)).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const cache = new VerifiedTokenCache(2);
    for (const token of ['a', 'b', 'c']) cache.set(token, identity(60_000, Date.now()));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(Boolean)).toEqual([false, true, true]);
  });
});
