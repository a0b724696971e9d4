import { LRUCache } from 'lru-cache';
import type { CacheEntry, ContactCache } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';
import { decodeEntry, encodeEntry, versionOf } from './cache-entry.codec.js';

/**
 * The read cache inside this process, for running without Redis (`npm start`). It is
 * not shared: with several API processes, set REDIS_URL, or one process's update is
 * invisible to the others' caches until their entries expire.
 */
export class LruContactCache implements ContactCache {
  private readonly entries: LRUCache<string, string>;

  constructor(options: { maxEntries: number; ttlSeconds: number }) {
    this.entries = new LRUCache({ max: options.maxEntries, ttl: options.ttlSeconds * 1000 });
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    const found = new Map<string, CacheEntry>();
    for (const id of ids) {
      const text = this.entries.get(id);
      const entry = text === undefined ? null : decodeEntry(text);
      if (entry) found.set(id, entry);
    }
    return found;
  }

  async put(contact: Contact): Promise<void> {
    this.setIfNewer(contact.id, contact.version, contact);
  }

  async putDeleted(id: string, version: number): Promise<void> {
    this.setIfNewer(id, version, null);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }

  // Synchronous, so compare and set cannot interleave with another write.
  private setIfNewer(id: string, version: number, contact: Contact | null): void {
    const current = this.entries.get(id);
    if (current !== undefined && versionOf(current) >= version) return;
    this.entries.set(id, encodeEntry(version, contact));
  }
}
