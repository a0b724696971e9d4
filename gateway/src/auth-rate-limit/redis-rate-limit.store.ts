import type { Redis } from 'ioredis';
import type { RateLimitStore, StoreDecision } from './rate-limit-store.js';
import { tokenIntervalMs, type TokenBucketPolicy } from './token-bucket.js';

// takeTokens (token-bucket.ts) in one atomic round trip. KEYS[1]: the client's bucket, holding the
// time (ms) it is full again; it expires then, since a full bucket is the same as none.
// ARGV: now (ms), cost, interval (ms a token), burst. Returns {1, 0} or {0, retry after in ms}.
const TAKE_TOKENS = `
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local burst = tonumber(ARGV[4])
local full_at = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if full_at < now then full_at = now end
local next_full_at = full_at + cost * interval
local excess = next_full_at - now - burst * interval
if excess > 0.000001 then return {0, math.ceil(excess)} end
redis.call('SET', KEYS[1], string.format('%.17g', next_full_at), 'PX', math.ceil(next_full_at - now))
return {1, 0}`;

type TokenBucketRedis = Redis & {
  takeTokens(key: string, nowMs: number, cost: number, intervalMs: number, burst: number): Promise<[number, number]>;
};

/**
 * Token buckets in Redis, so every gateway replica charges the same bucket per client. The
 * time comes from the calling replica (replicas' clocks are NTP-synchronised; a skew of a
 * second shifts a client's allowance by a sixth of a token at the default rate) so that it
 * can be controlled in tests. Its methods throw when Redis fails (see FailOverRateLimitStore).
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly redis: TokenBucketRedis;
  private readonly intervalMs: number;

  constructor(
    redis: Redis,
    private readonly policy: TokenBucketPolicy,
    private readonly keyPrefix: string,
  ) {
    redis.defineCommand('takeTokens', { numberOfKeys: 1, lua: TAKE_TOKENS });
    this.redis = redis as TokenBucketRedis;
    this.intervalMs = tokenIntervalMs(policy);
  }

  async take(key: string, cost: number, nowMs: number): Promise<StoreDecision> {
    const [allowed, retryAfterMs] = await this.redis.takeTokens(
      `${this.keyPrefix}auth-rate:${key}`,
      nowMs,
      cost,
      this.intervalMs,
      this.policy.burst,
    );
    return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
