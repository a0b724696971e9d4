import { Redis } from 'ioredis';
import type { Logger } from '../logging/index.js';

/**
 * A Redis client that fails fast while Redis is down instead of queueing or hanging: its callers
 * (the contacts cache, the gateway's sign-in limit) fall back on something else, and a request waits on it.
 */
export function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false, // no connection: fail now, don't queue behind a reconnect
    maxRetriesPerRequest: 1,
    connectTimeout: 500,
    commandTimeout: 500, // a Redis that accepts but never answers must not hold a request
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000), // keep reconnecting in the background
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  redis.on('error', (error: Error) => logger.debug({ reason: error.message }, 'redis connection error'));
  return redis;
}
