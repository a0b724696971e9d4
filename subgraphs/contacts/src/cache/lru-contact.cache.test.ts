import { describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { ContactCache } from '../application/ports.js';
import { activateContact, requestContact } from '../domain/contact.js';
import { FailSoftContactCache } from './fail-soft-contact.cache.js';
import { LruContactCache } from './lru-contact.cache.js';

const contact = activateContact(
  requestContact({
    id: '0b0e7a9c-3d6f-4e63-9d2a-5c1f2b3a4d5e',
    ownerId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b',
    input: { firstName: 'John', lastName: 'Doe', email: 'john@example.com' },
    now: new Date('2026-12-01T12:00:00.000Z'),
  }),
  new Date('2026-12-01T12:00:01.000Z'),
);

describe('in-process cache', () => {
  it('keeps the newest version: an older write never replaces a newer entry or a tombstone', async () => {
    const cache = new LruContactCache({ maxEntries: 10, ttlSeconds: 60 });
    const v2 = { ...contact, firstName: 'Jack', version: 2 };
    await cache.put(v2);
    await cache.put(contact); // a late fill of version 1
    expect((await cache.getMany([contact.id])).get(contact.id)).toEqual({ version: 2, contact: v2 });
    await cache.putDeleted(contact.id, 3);
    await cache.put(v2);
    expect((await cache.getMany([contact.id])).get(contact.id)).toEqual({ version: 3, contact: null });
  });
});

describe('FailSoftContactCache', () => {
  it('turns failures into misses and dropped writes, with one warning', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const broken: ContactCache = {
      getMany: () => Promise.reject(new Error('connection refused')),
      put: () => Promise.reject(new Error('connection refused')),
      putDeleted: () => Promise.reject(new Error('connection refused')),
      close: async () => undefined,
    };
    const cache = new FailSoftContactCache(broken, logger);
    expect((await cache.getMany([contact.id])).size).toBe(0);
    await cache.put(contact);
    await cache.putDeleted(contact.id, 2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('contacts cache unavailable');
  });
});
