/** Per-client rate limit of sign-in attempts at the gateway (ADR 0004). */
export { createAuthRateLimit } from './create-auth-rate-limit.js';
export { trustNoProxy } from './client-address.js';
export { MemoryRateLimitStore } from './memory-rate-limit.store.js';
export type { RateLimitStore } from './rate-limit-store.js';
export { RedisRateLimitStore } from './redis-rate-limit.store.js';
export { FailOverRateLimitStore } from './fail-over-rate-limit.store.js';
export type { TokenBucketPolicy } from './token-bucket.js';
