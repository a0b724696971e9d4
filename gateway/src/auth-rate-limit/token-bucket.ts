/** A token bucket: `burst` tokens at most, refilled at `perMinute` tokens a minute; each attempt takes one. */
export interface TokenBucketPolicy {
  /** Tokens added a minute: the rate a client can keep up. */
  perMinute: number;
  /** Tokens the bucket holds: how many attempts a client may make at once. */
  burst: number;
}

/** The answer to one take: allowed, or refused with how long until the tokens asked for are there. */
export type TakeResult = { allowed: true; fullAtMs: number } | { allowed: false; retryAfterMs: number };

/** Milliseconds to refill one token. */
export const tokenIntervalMs = (policy: TokenBucketPolicy): number => 60_000 / policy.perMinute;

// Float rounding (an interval of 60,000/7 ms) must not refuse the last token of a bucket.
const EPSILON_MS = 1e-6;

/**
 * Takes `cost` tokens, all or none (GCRA). A bucket's whole state is one number, the time it
 * will be full again (`fullAtMs`; absent or past means full): it holds
 * `burst - (fullAtMs - now) / interval` tokens. One number per client keeps the in-memory store
 * small and the Redis one a single key; after `fullAtMs` the state can be dropped unchanged.
 * `redis-rate-limit.store.ts` runs the same arithmetic in Lua.
 */
export function takeTokens(
  fullAtMs: number | undefined,
  nowMs: number,
  cost: number,
  policy: TokenBucketPolicy,
): TakeResult {
  const interval = tokenIntervalMs(policy);
  const next = Math.max(fullAtMs ?? nowMs, nowMs) + cost * interval;
  const excess = next - nowMs - policy.burst * interval;
  return excess > EPSILON_MS ? { allowed: false, retryAfterMs: excess } : { allowed: true, fullAtMs: next };
}
