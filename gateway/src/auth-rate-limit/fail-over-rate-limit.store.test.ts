import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { FailOverRateLimitStore } from './fail-over-rate-limit.store.js';
import { MemoryRateLimitStore } from './memory-rate-limit.store.js';
import type { RateLimitStore } from './rate-limit-store.js';

describe('FailOverRateLimitStore', () => {
  const policy = { perMinute: 10, burst: 10 };

  it('counts in this replica while Redis fails, warning once per outage burst, and goes back to Redis', async () => {
    const logs: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
    let down = true;
    const redis = new MemoryRateLimitStore(policy); // stands for Redis
    const flaky: RateLimitStore = {
      take: (key, cost, now) =>
        down ? Promise.reject(new Error('Connection is closed.')) : redis.take(key, cost, now),
      close: () => redis.close(),
    };
    const store = new FailOverRateLimitStore(flaky, new MemoryRateLimitStore(policy), logger);

    // Neither open nor closed: the replica's own bucket still holds the client at the limit.
    const decisions = [];
    for (let i = 0; i < 11; i++) decisions.push(await store.take('203.0.113.7', 1, 1_000));
    expect(decisions.map((d) => d.allowed)).toEqual([...Array(10).fill(true), false]);
    expect(logs).toHaveLength(1);
    expect(JSON.parse(logs[0]!)).toMatchObject({ failures: 1, reason: 'Connection is closed.' });
    await store.take('203.0.113.7', 1, 31_001);
    expect(logs).toHaveLength(2);

    down = false;
    expect(await store.take('203.0.113.7', 1, 31_002)).toEqual({ allowed: true });
    expect(await redis.take('203.0.113.7', 10, 31_002)).toMatchObject({ allowed: false });
  });
});
