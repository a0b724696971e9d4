import { describe, expect, it } from '@jest/globals';
import { NotFoundError, ValidationError } from '@peerseed/shared/domain';
import { contactsFixture, johnDoe, OWNER, STRANGER } from '../../test/fakes/in-memory-contacts.js';

async function persistedJohn() {
  const fixture = contactsFixture();
  const contact = (await fixture.persist(await fixture.request.execute(OWNER, johnDoe())))!;
  return { ...fixture, contact };
}

describe('UpdateContact', () => {
  it('saves a new version, publishes updated, and a read right after sees it (cache overwritten)', async () => {
    const { db, update, get, contact, clock } = await persistedJohn();
    await get.ownedBy(OWNER, contact.id); // warm the cache with version 1
    clock.advance(5);
    const updated = await update.execute(OWNER, contact.id, johnDoe({ email: 'jd@example.com', phone: null }));
    expect(updated).toMatchObject({ email: 'jd@example.com', phone: null, version: 2 });
    expect(await get.ownedBy(OWNER, contact.id)).toEqual(updated);
    expect(db.events.at(-1)).toEqual({ type: 'updated', contactId: contact.id });
  });

  it("answers NOT_FOUND for someone else's contact, a missing one and a malformed id, writing nothing", async () => {
    const { db, update, contact } = await persistedJohn();
    const before = structuredClone([...db.active.values()]);
    for (const [owner, id] of [
      [STRANGER, contact.id],
      [OWNER, '33333333-3333-4333-8333-333333333333'],
      [OWNER, 'not-an-id'],
    ] as const) {
      await expect(update.execute(owner, id, johnDoe({ firstName: 'Mallory' }))).rejects.toBeInstanceOf(NotFoundError);
    }
    expect([...db.active.values()]).toEqual(before);
    expect(db.events.map((e) => e.type)).toEqual(['createRequested', 'created']);
  });

  it('refuses invalid details and keeps the old ones', async () => {
    const { db, update, contact } = await persistedJohn();
    await expect(update.execute(OWNER, contact.id, johnDoe({ email: 'x' }))).rejects.toBeInstanceOf(ValidationError);
    expect(db.active.get(contact.id)).toEqual(contact);
  });
});

describe('DeleteContact', () => {
  it('removes it, publishes deleted, and a read right after finds nothing (tombstone in the cache)', async () => {
    const { db, remove, get, cache, contact } = await persistedJohn();
    await get.ownedBy(OWNER, contact.id);
    expect(await remove.execute(OWNER, contact.id)).toBe(true);
    expect(await get.ownedBy(OWNER, contact.id)).toBeNull();
    expect(db.events.at(-1)).toEqual({ type: 'deleted', contactId: contact.id });
    // A cache fill that read the database before the delete lands too late: the tombstone is newer.
    await cache.put(contact);
    expect(await get.ownedBy(OWNER, contact.id)).toBeNull();
  });

  it("answers NOT_FOUND for someone else's contact and keeps it", async () => {
    const { db, remove, contact } = await persistedJohn();
    await expect(remove.execute(STRANGER, contact.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(db.active.has(contact.id)).toBe(true);
  });
});
