/** Per-client rate limit of sign-in attempts at the gateway (ADR 0004). */
export { createAuthRateLimit, type AuthRateLimit, type AuthRateLimitOptions } from './create-auth-rate-limit.js';
export { AUTH_FIELDS, countAuthFields } from './auth-fields.js';
export { AuthRateLimiter, type AuthRateLimitDecision } from './auth-rate-limiter.js';
export { clientAddress, parseTrustProxy, rateLimitKey, trustNoProxy, type TrustedProxies } from './client-address.js';
export { MemoryRateLimitStore } from './memory-rate-limit.store.js';
export type { RateLimitStore, StoreDecision } from './rate-limit-store.js';
export { RedisRateLimitStore } from './redis-rate-limit.store.js';
export { FailOverRateLimitStore } from './fail-over-rate-limit.store.js';
export { takeTokens, type TokenBucketPolicy } from './token-bucket.js';
