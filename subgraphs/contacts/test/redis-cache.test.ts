import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisContactCache } from '../src/cache/redis-contact.cache.js';
import { activateContact, requestContact, type Contact } from '../src/domain/contact.js';
import { deleteRedisKeys, testKeyPrefix, testRedis, testRedisUrl } from '@peerseed/shared/testing';

const aContact = (): Contact =>
  activateContact(
    requestContact({
      id: randomUUID(),
      ownerId: randomUUID(),
      input: { firstName: 'John', lastName: 'Doe', email: 'john@example.com', phone: '+5511987654321' },
      now: new Date('2026-12-01T12:00:00.000Z'),
    }),
    new Date('2026-12-01T12:00:01.000Z'),
  );

describe('Redis cache (real Redis)', () => {
  const keyPrefix = testKeyPrefix('cache');
  const client = new Redis(testRedisUrl());
  const cache = new RedisContactCache(client, { keyPrefix, ttlSeconds: 60 });
  const look = testRedis();
  afterAll(async () => {
    await deleteRedisKeys(keyPrefix);
    await cache.close();
    await look.quit();
  });

  it('round-trips contacts (dates included) and reads many ids in one call', async () => {
    const [a, b] = [aContact(), aContact()];
    await cache.put(a);
    await cache.put(b);
    const found = await cache.getMany([a.id, randomUUID(), b.id]);
    expect([...found.keys()]).toEqual([a.id, b.id]);
    expect(found.get(a.id)).toEqual({ version: 1, contact: a });
  });

  it('keeps the newest version: a late fill loses to an update and to a delete (atomically, in Redis)', async () => {
    const v1 = aContact();
    const v2 = { ...v1, firstName: 'Jack', version: 2 };
    await cache.put(v2);
    await cache.put(v1);
    expect((await cache.getMany([v1.id])).get(v1.id)?.contact?.firstName).toBe('Jack');
    await cache.putDeleted(v1.id, 3);
    await Promise.all([cache.put(v1), cache.put(v2)]);
    expect((await cache.getMany([v1.id])).get(v1.id)).toEqual({ version: 3, contact: null });
  });

  it('expires entries after the TTL and keeps keys under its prefix', async () => {
    const contact = aContact();
    await cache.put(contact);
    const key = `${keyPrefix}contact:${contact.id}`;
    const ttl = await look.pttl(key);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('treats an unreadable entry as a miss', async () => {
    const id = randomUUID();
    await look.set(`${keyPrefix}contact:${id}`, 'garbage');
    expect((await cache.getMany([id])).size).toBe(0);
  });
});
