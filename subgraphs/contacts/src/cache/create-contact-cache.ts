import type { Logger } from '@peerseed/shared';
import { Redis } from 'ioredis';
import type { ContactCache } from '../application/ports.js';
import type { ContactsConfig } from '../config.js';
import { FailSoftContactCache } from './fail-soft-contact.cache.js';
import { LruContactCache } from './lru-contact.cache.js';
import { NoContactCache } from './no-contact.cache.js';
import { RedisContactCache } from './redis-contact.cache.js';

/** A Redis client that fails fast while Redis is down instead of queueing or hanging. */
function connectRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false, // no connection: fail now (a miss), don't queue behind a reconnect
    maxRetriesPerRequest: 1,
    connectTimeout: 500,
    commandTimeout: 500, // a Redis that accepts but never answers must not hold a request
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000), // keep reconnecting in the background
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  redis.on('error', (error: Error) => logger.debug({ reason: error.message }, 'redis connection error'));
  return redis;
}

/** Redis when REDIS_URL is set, an in-process LRU otherwise; either way failures are misses. */
export function createContactCache(config: ContactsConfig, logger: Logger): ContactCache {
  if (!config.CACHE_ENABLED) return new NoContactCache();
  const ttlSeconds = config.CACHE_TTL_SECONDS;
  const cache = config.REDIS_URL
    ? new RedisContactCache(connectRedis(config.REDIS_URL, logger), { keyPrefix: config.REDIS_KEY_PREFIX, ttlSeconds })
    : new LruContactCache({ maxEntries: config.CACHE_MAX_ENTRIES, ttlSeconds });
  return new FailSoftContactCache(cache, logger);
}
