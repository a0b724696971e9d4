import { afterAll, describe, expect, it } from '@jest/globals';
import { connectRedis } from '@peerseed/shared';
import { deleteRedisKeys, freePort, testKeyPrefix, testLogger, testRedis } from '@peerseed/shared/testing';
import type { Redis } from 'ioredis';
import {
  FailOverRateLimitStore,
  MemoryRateLimitStore,
  RedisRateLimitStore,
  type RateLimitStore,
  type TokenBucketPolicy,
} from '../../src/auth-rate-limit/index.js';

const prefix = testKeyPrefix('gateway');
const policy = { perMinute: 10, burst: 10 };
const clients: Redis[] = [];
const redisStore = (bucket: TokenBucketPolicy = policy) => {
  const redis = testRedis();
  clients.push(redis);
  return new RedisRateLimitStore(redis, bucket, prefix);
};

afterAll(async () => {
  await deleteRedisKeys(prefix);
  for (const client of clients) client.disconnect();
});

// The Lua script in Redis must answer exactly as the arithmetic the in-memory store runs.
describe.each([
  ['in memory', (bucket: TokenBucketPolicy = policy) => new MemoryRateLimitStore(bucket)],
  ['in Redis', redisStore],
])('token buckets %s', (_name, makeStore: (bucket?: TokenBucketPolicy) => RateLimitStore) => {
  const t0 = Date.UTC(2026, 0, 1);
  let n = 0;
  const client = () => `203.0.113.${++n}`;

  it('a burst of 10, then one every 6 s; a refusal says how long to wait and takes nothing', async () => {
    const store = makeStore();
    const key = client();
    for (let i = 0; i < 10; i++) expect(await store.take(key, 1, t0)).toEqual({ allowed: true });
    expect(await store.take(key, 1, t0)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await store.take(key, 1, t0 + 4_500)).toEqual({ allowed: false, retryAfterMs: 1_500 });
    expect(await store.take(key, 1, t0 + 6_000)).toEqual({ allowed: true });
    expect(await store.take(key, 1, t0 + 6_000)).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });

  it('takes several tokens all or none, and a full bucket again after a minute idle', async () => {
    const store = makeStore();
    const key = client();
    expect(await store.take(key, 8, t0)).toEqual({ allowed: true });
    expect(await store.take(key, 3, t0)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await store.take(key, 2, t0)).toEqual({ allowed: true });
    expect(await store.take(key, 10, t0 + 60_000)).toEqual({ allowed: true });
  });

  it('keeps rates that do not divide a minute exactly', async () => {
    const store = makeStore({ perMinute: 7, burst: 3 });
    const key = client();
    for (let i = 0; i < 3; i++) expect(await store.take(key, 1, t0)).toEqual({ allowed: true });
    expect(await store.take(key, 1, t0)).toMatchObject({ allowed: false });
    expect(await store.take(key, 3, t0 + 3 * (60_000 / 7))).toEqual({ allowed: true });
  });
});

describe('token buckets in Redis', () => {
  it('are shared by the replicas', async () => {
    const [a, b] = [redisStore(), redisStore()];
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5; i++) {
      expect(await a.take('198.51.100.7', 1, t0)).toEqual({ allowed: true });
      expect(await b.take('198.51.100.7', 1, t0)).toEqual({ allowed: true });
    }
    expect(await a.take('198.51.100.7', 1, t0)).toEqual({ allowed: false, retryAfterMs: 6_000 });
    expect(await b.take('198.51.100.7', 1, t0)).toEqual({ allowed: false, retryAfterMs: 6_000 });
  });

  it('expire when the bucket is full again, so idle clients leave nothing behind', async () => {
    const store = redisStore();
    const now = Date.now();
    await store.take('198.51.100.8', 3, now);
    const redis = testRedis();
    const ttl = await redis.pttl(`${prefix}auth-rate:198.51.100.8`);
    await redis.quit();
    expect(ttl).toBeGreaterThan(17_000);
    expect(ttl).toBeLessThanOrEqual(18_000);
  });

  it('with Redis down, the replica counts alone at once instead of waiting or letting everyone through', async () => {
    // The gateway's own client settings (shared's connectRedis): they are what makes failing over fast.
    const dead = connectRedis(`redis://127.0.0.1:${await freePort()}`, testLogger());
    clients.push(dead);
    const store = new FailOverRateLimitStore(
      new RedisRateLimitStore(dead, policy, prefix),
      new MemoryRateLimitStore(policy),
      testLogger(),
    );
    const started = Date.now();
    const decisions = [];
    for (let i = 0; i < 11; i++) decisions.push((await store.take('198.51.100.9', 1, started)).allowed);
    expect(decisions).toEqual([...Array(10).fill(true), false]);
    expect(Date.now() - started).toBeLessThan(1_000);
    await store.close();
  });
});
