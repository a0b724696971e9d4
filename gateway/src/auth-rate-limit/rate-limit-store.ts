/** A store's answer: allowed, or refused with the wait until enough tokens are back. */
export type StoreDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Where the token buckets live (port): in this process (`MemoryRateLimitStore`) or in Redis,
 * shared by the replicas (`RedisRateLimitStore`). Every store applies `takeTokens`' arithmetic
 * to buckets of one policy, fixed when it is made.
 */
export interface RateLimitStore {
  /** Takes `cost` tokens from `key`'s bucket at `nowMs` when it holds them all; otherwise takes none. */
  take(key: string, cost: number, nowMs: number): Promise<StoreDecision>;
  close(): Promise<void>;
}
