import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@peerseed/shared';
import type { RequestHandler } from 'express';
import { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';
import { Counter, type Registry } from 'prom-client';
import type { GatewayContext } from '../gateway-context.js';
import { authRateLimitPlugin } from './auth-rate-limit.plugin.js';
import { AuthRateLimiter } from './auth-rate-limiter.js';
import { requestClientAddress, type TrustedProxies } from './client-address.js';
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

/** What the gateway wires in: the Apollo plugin, the token endpoint's guard and the context's client address. */
export interface AuthRateLimit {
  plugin: ApolloServerPlugin<GatewayContext>;
  tokenEndpoint: RequestHandler;
  clientAddress: (req: IncomingMessage) => string;
  close: () => Promise<void>;
}

/** A Redis client that fails fast while Redis is down instead of queueing or hanging (a sign-in waits on it). */
function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 500,
    commandTimeout: 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000), // keep reconnecting in the background
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  redis.on('error', (error: Error) => logger.debug({ reason: error.message }, 'redis connection error'));
  return redis;
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
    plugin: authRateLimitPlugin(limiter, refused),
    tokenEndpoint: tokenEndpointRateLimit(limiter, trustedProxies, refused),
    clientAddress: (req) => requestClientAddress(req, trustedProxies),
    close: () => limiter.close(),
  };
}
