import type { CacheEntry, ContactCache } from '../application/ports.js';

/** No cache at all (CACHE_ENABLED=false): every read goes to the database. For comparisons and diagnosis. */
export class NoContactCache implements ContactCache {
  async getMany(): Promise<Map<string, CacheEntry>> {
    return new Map();
  }

  async put(): Promise<void> {}

  async putDeleted(): Promise<void> {}

  async close(): Promise<void> {}
}
