import { connectRedis, type Logger } from '@peerseed/shared';
import type { ContactCache } from '../application/ports.js';
import type { ContactsConfig } from '../config.js';
import { FailSoftContactCache } from './fail-soft-contact.cache.js';
import { LruContactCache } from './lru-contact.cache.js';
import { NoContactCache } from './no-contact.cache.js';
import { RedisContactCache } from './redis-contact.cache.js';

/** Redis when REDIS_URL is set, an in-process LRU otherwise; either way failures are misses. */
export function createContactCache(config: ContactsConfig, logger: Logger): ContactCache {
  if (!config.CACHE_ENABLED) return new NoContactCache();
  const ttlSeconds = config.CACHE_TTL_SECONDS;
  const cache = config.REDIS_URL
    ? new RedisContactCache(connectRedis(config.REDIS_URL, logger), { keyPrefix: config.REDIS_KEY_PREFIX, ttlSeconds })
    : new LruContactCache({ maxEntries: config.CACHE_MAX_ENTRIES, ttlSeconds });
  return new FailSoftContactCache(cache, logger);
}
