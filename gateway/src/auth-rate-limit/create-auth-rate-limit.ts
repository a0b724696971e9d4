import type { ApolloServerPlugin } from '@apollo/server';
import { connectRedis, type Logger } from '@peerseed/shared';
import type { RequestHandler } from 'express';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from '../gateway-context.js';
import { authRateLimitPlugin } from './auth-rate-limit.plugin.js';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import type { TrustedProxies } from './client-address.js';
import { tokenEndpointRateLimit } from './token-endpoint-rate-limit.js';
import { FailOverRateLimitStore } from './fail-over-rate-limit.store.js';
import { MemoryRateLimitStore } from './memory-rate-limit.store.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { RedisRateLimitStore } from './redis-rate-limit.store.js';
import type { TokenBucketPolicy } from './token-bucket.js';

export interface AuthRateLimitOptions {
  policy: TokenBucketPolicy;
  trustedProxies: TrustedProxies;
  /** Shared buckets in Redis; unset: this replica's own. */
  redis?: { url: string; keyPrefix: string };
  logger: Logger;
  metrics: Registry;
  /** Milliseconds now; tests control it. */
  now?: () => number;
}

/** What the gateway wires in: the Apollo plugin (it reads the client from the context's `req`) and the token endpoint's guard. */
export interface AuthRateLimit {
  plugin: ApolloServerPlugin<GatewayContext>;
  tokenEndpoint: RequestHandler;
  close: () => Promise<void>;
}

export function createAuthRateLimit(options: AuthRateLimitOptions): AuthRateLimit {
  const { policy, trustedProxies, redis, logger, metrics } = options;
  const local = new MemoryRateLimitStore(policy);
  const store: RateLimitStore = redis
    ? new FailOverRateLimitStore(
        new RedisRateLimitStore(connectRedis(redis.url, logger), policy, redis.keyPrefix),
        local,
        logger,
      )
    : local;
  const limiter = new AuthRateLimiter(store, policy, options.now);
  const refused = new Counter({
    name: 'peerseed_gateway_auth_rate_limited_total',
    help: 'Sign-in requests refused by the per-client rate limit, by endpoint',
    labelNames: ['endpoint'] as const,
    registers: [metrics],
  });
  return {
    plugin: authRateLimitPlugin(limiter, trustedProxies, refused),
    tokenEndpoint: tokenEndpointRateLimit(limiter, trustedProxies, refused),
    close: () => limiter.close(),
  };
}
