import { describe, expect, it } from '@jest/globals';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import { MemoryRateLimitStore } from './memory-rate-limit.store.js';

/** A limiter over the in-memory store, at the defaults (10 a minute, bursts of 10), on a clock the test moves. */
function limiterAt(policy = { perMinute: 10, burst: 10 }) {
  const clock = { ms: Date.UTC(2026, 0, 1) };
  const store = new MemoryRateLimitStore(policy);
  const limiter = new AuthRateLimiter(store, policy, () => clock.ms);
  const attempts = async (address: string, count: number) => {
    const decisions = [];
    for (let i = 0; i < count; i++) decisions.push(await limiter.take(address, 1));
    return decisions;
  };
  return { clock, store, limiter, attempts };
}

describe('AuthRateLimiter (token bucket per client address)', () => {
  it('lets a burst of 10 through, refuses the 11th with the wait for the next token, and refills at 10 a minute', async () => {
    const { clock, limiter, attempts } = limiterAt();
    expect((await attempts('203.0.113.7', 10)).every((d) => d.allowed)).toBe(true);
    expect(await limiter.take('203.0.113.7', 1)).toEqual({ allowed: false, retryAfterSeconds: 6, overBurst: false });

    clock.ms += 5_000;
    expect(await limiter.take('203.0.113.7', 1)).toEqual({ allowed: false, retryAfterSeconds: 1, overBurst: false });
    clock.ms += 1_000;
    expect((await limiter.take('203.0.113.7', 1)).allowed).toBe(true);
    expect((await limiter.take('203.0.113.7', 1)).allowed).toBe(false);

    // Sustained: one every 6 s passes forever, and over a minute no more than the burst plus 10.
    let allowed = 0;
    for (let second = 0; second < 60; second++) {
      clock.ms += 1_000;
      if ((await limiter.take('203.0.113.7', 1)).allowed) allowed++;
    }
    expect(allowed).toBe(10);
  });

  it('counts each client apart: another address is not affected', async () => {
    const { limiter, attempts } = limiterAt();
    await attempts('203.0.113.7', 11);
    expect((await limiter.take('198.51.100.23', 1)).allowed).toBe(true);
    expect((await limiter.take('::ffff:203.0.113.7', 1)).allowed).toBe(false); // the same client, IPv4-mapped
  });

  it('counts an IPv6 client by its /64, where one subscriber can take any address', async () => {
    const { limiter } = limiterAt();
    for (let i = 0; i < 10; i++) expect((await limiter.take(`2001:db8:1:2::${i.toString(16)}`, 1)).allowed).toBe(true);
    expect((await limiter.take('2001:db8:1:2:ffff:ffff:ffff:ffff', 1)).allowed).toBe(false);
    expect((await limiter.take('2001:db8:1:3::1', 1)).allowed).toBe(true);
  });

  it('charges several attempts of one request all or none', async () => {
    const { clock, limiter, attempts } = limiterAt();
    await attempts('203.0.113.7', 7);
    // 3 tokens left: 4 aliases are refused whole, then 3 pass.
    expect(await limiter.take('203.0.113.7', 4)).toEqual({ allowed: false, retryAfterSeconds: 6, overBurst: false });
    expect((await limiter.take('203.0.113.7', 3)).allowed).toBe(true);
    clock.ms += 12_000;
    expect((await limiter.take('203.0.113.7', 2)).allowed).toBe(true);
  });

  it('refuses more attempts in one request than the burst holds, charging nothing', async () => {
    const { limiter } = limiterAt();
    expect(await limiter.take('203.0.113.7', 11)).toEqual({ allowed: false, retryAfterSeconds: 60, overBurst: true });
    expect((await limiter.take('203.0.113.7', 10)).allowed).toBe(true);
  });

  it('follows other policies: 3 a minute in bursts of 2', async () => {
    const { clock, limiter, attempts } = limiterAt({ perMinute: 3, burst: 2 });
    expect((await attempts('203.0.113.7', 3)).map((d) => d.allowed)).toEqual([true, true, false]);
    clock.ms += 19_999;
    expect((await limiter.take('203.0.113.7', 1)).allowed).toBe(false);
    clock.ms += 1;
    expect((await limiter.take('203.0.113.7', 1)).allowed).toBe(true);
  });
});

describe('MemoryRateLimitStore', () => {
  const policy = { perMinute: 10, burst: 10 };

  it('forgets a client once its bucket is full again, so idle clients take no memory', async () => {
    const store = new MemoryRateLimitStore(policy);
    const start = 1_000_000;
    await store.take('a', 10, start); // full again 60 s later
    await store.take('b', 1, start + 1_000); // 6 s later
    expect(store.size).toBe(2);
    await store.take('c', 1, start + 8_000);
    expect(store.size).toBe(3); // b's bucket is full, but behind a's: dropped when a's is
    await store.take('c', 1, start + 60_000);
    expect(store.size).toBe(1);
    // A forgotten client starts over with a full bucket, as if it had been kept.
    expect(await store.take('a', 10, start + 60_000)).toEqual({ allowed: true });
  });

  it('never holds more than maxClients, forgetting the least recently charged first', async () => {
    const store = new MemoryRateLimitStore(policy, 3);
    for (const key of ['a', 'b', 'c', 'd']) await store.take(key, 10, 0);
    expect(store.size).toBe(3);
    expect(await store.take('a', 1, 0)).toEqual({ allowed: true }); // forgotten: a full bucket
    expect((await store.take('d', 1, 0)).allowed).toBe(false);
  });

  it('does not refresh a client on a refused attempt', async () => {
    const store = new MemoryRateLimitStore(policy);
    await store.take('a', 10, 0);
    expect(await store.take('a', 1, 0)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await store.take('a', 1, 6_000)).toEqual({ allowed: true });
  });
});
