import { Redis } from 'ioredis';
import type { CacheEntry, ContactCache } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';
import { decodeEntry, encodeEntry } from './cache-entry.codec.js';

// Compare-and-set in one round trip, atomic in Redis: write only when the cached entry is
// older (or absent). KEYS[1] = key; ARGV = version, entry text, ttl in ms.
const SET_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if current then
  local version = tonumber(string.match(current, '^(%d+)|'))
  if version and version >= tonumber(ARGV[1]) then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

type VersionedRedis = Redis & {
  setIfNewer(key: string, version: number, entry: string, ttlMs: number): Promise<number>;
};

/** The shared read cache in Redis. Its methods throw when Redis fails (see FailSoftContactCache). */
export class RedisContactCache implements ContactCache {
  private readonly redis: VersionedRedis;

  constructor(
    redis: Redis,
    private readonly options: { keyPrefix: string; ttlSeconds: number },
  ) {
    redis.defineCommand('setIfNewer', { numberOfKeys: 1, lua: SET_IF_NEWER });
    this.redis = redis as VersionedRedis;
  }

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    const found = new Map<string, CacheEntry>();
    if (ids.length === 0) return found;
    const texts = await this.redis.mget(ids.map((id) => this.key(id)));
    ids.forEach((id, i) => {
      const entry = texts[i] ? decodeEntry(texts[i]) : null;
      if (entry) found.set(id, entry);
    });
    return found;
  }

  async put(contact: Contact): Promise<void> {
    await this.setIfNewer(contact.id, contact.version, contact);
  }

  async putDeleted(id: string, version: number): Promise<void> {
    await this.setIfNewer(id, version, null);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }

  private key(id: string): string {
    return `${this.options.keyPrefix}contact:${id}`;
  }

  private async setIfNewer(id: string, version: number, contact: Contact | null): Promise<void> {
    const ttlMs = this.options.ttlSeconds * 1000;
    await this.redis.setIfNewer(this.key(id), version, encodeEntry(version, contact), ttlMs);
  }
}
