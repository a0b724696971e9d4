import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis server integration tests use (CI starts it). */
export const testRedisUrl = (): string => process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file or run uses. */
export const testKeyPrefix = (label: string): string =>
  `peerseed:test:${Date.now().toString(36)}${randomBytes(3).toString('hex')}:${label}:`;

/** A plain client for tests to look into Redis; close it with `quit()`. */
export const testRedis = (): Redis => new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });

/** Deletes every key under `prefix` (a test file's clean-up). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = testRedis();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
