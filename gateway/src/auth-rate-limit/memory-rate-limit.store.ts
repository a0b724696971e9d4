import type { RateLimitStore, StoreDecision } from './rate-limit-store.js';
import { takeTokens, type TokenBucketPolicy } from './token-bucket.js';

/** Clients held at most, whatever a flood of addresses does (beyond, the least recently charged is forgotten). */
export const DEFAULT_MAX_CLIENTS = 100_000;

/**
 * Token buckets in this process: each replica counts alone (REDIS_URL shares them).
 *
 * Memory stays bounded. A full bucket is the same as none, so a client's entry is dropped
 * once its bucket is full again (at most burst / perMinute minutes after its last attempt):
 * the map holds only clients seen within that time. Entries are kept in order of last
 * charge, so the idle ones are at the front and each call drops those it meets there. Past
 * `maxClients` (a flood from that many addresses within the refill time) the least recently
 * charged client is forgotten, which gives it a full bucket: a lost count for one client is
 * better than refusing every new client or growing without end.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly fullAt = new Map<string, number>();

  constructor(
    private readonly policy: TokenBucketPolicy,
    private readonly maxClients = DEFAULT_MAX_CLIENTS,
  ) {}

  /** Clients with a bucket that is not full (for tests and metrics). */
  get size(): number {
    return this.fullAt.size;
  }

  // No await inside: two attempts of one client cannot interleave between reading and writing its bucket.
  async take(key: string, cost: number, nowMs: number): Promise<StoreDecision> {
    this.dropFullBuckets(nowMs);
    const result = takeTokens(this.fullAt.get(key), nowMs, cost, this.policy);
    if (!result.allowed) return result;
    this.fullAt.delete(key); // re-inserted at the end: the most recently charged
    this.fullAt.set(key, result.fullAtMs);
    if (this.fullAt.size > this.maxClients) this.fullAt.delete(this.fullAt.keys().next().value!);
    return { allowed: true };
  }

  async close(): Promise<void> {
    this.fullAt.clear();
  }

  // Stops at the first bucket still filling: everything behind it was charged later, so within
  // the refill time. Each entry is dropped once, so the cost per call is constant on average.
  private dropFullBuckets(nowMs: number): void {
    for (const [key, fullAtMs] of this.fullAt) {
      if (fullAtMs > nowMs) return;
      this.fullAt.delete(key);
    }
  }
}
