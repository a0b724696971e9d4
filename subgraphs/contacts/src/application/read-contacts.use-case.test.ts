import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@peerseed/shared/domain';
import { contactsFixture, johnDoe, OWNER, STRANGER } from '../../test/fakes/in-memory-contacts.js';
import { decodeCursor, encodeCursor } from './contact-cursor.js';

describe('GetContacts (cache first, then the database, then fill)', () => {
  it('answers a PENDING contact from the database without caching it', async () => {
    const { get, cache, request } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    expect(await get.ownedBy(OWNER, requested.id)).toMatchObject({ status: 'PENDING' });
    expect((await cache.inner.getMany([requested.id])).size).toBe(0);
  });

  it('fills the cache on a miss and serves the next read from it', async () => {
    const { get, cache, request, persist, db } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    await persist(requested);
    await cache.inner.close(); // forget what the worker cached
    expect(await get.ownedBy(OWNER, requested.id)).toMatchObject({ status: 'ACTIVE' });
    db.active.clear(); // proves the next read does not touch the database
    expect(await get.ownedBy(OWNER, requested.id)).toMatchObject({ status: 'ACTIVE' });
    expect(cache.hits).toBe(1);
  });

  it("hides someone else's contact and ignores malformed ids", async () => {
    const { get, request } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    expect(await get.ownedBy(STRANGER, requested.id)).toBeNull();
    expect(await get.byIds(['nope', "1' or '1'='1"])).toEqual([]);
  });
});

describe('ListContacts (keyset pages)', () => {
  it('pages oldest first with stable cursors, PENDING included, only the owner’s', async () => {
    const { list, request, persist, clock, remove } = contactsFixture();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await request.execute(OWNER, johnDoe({ firstName: `N${i}` })));
      clock.advance(1);
    }
    await request.execute(STRANGER, johnDoe());
    await persist(made[0]!);
    const first = await list.execute(OWNER, { first: 2 });
    expect(first.contacts.map((c) => c.firstName)).toEqual(['N0', 'N1']);
    expect(first.contacts.map((c) => c.status)).toEqual(['ACTIVE', 'PENDING']);
    expect(first.hasNextPage).toBe(true);
    await remove.execute(OWNER, made[1]!.id); // the cursor's own contact is gone: the next page does not move
    const second = await list.execute(OWNER, { first: 2, after: encodeCursor(first.contacts[1]!) });
    expect(second.contacts.map((c) => c.firstName)).toEqual(['N2', 'N3']);
    const last = await list.execute(OWNER, { first: 2, after: encodeCursor(second.contacts[1]!) });
    expect(last).toMatchObject({ hasNextPage: false });
    expect(last.contacts.map((c) => c.firstName)).toEqual(['N4']);
  });

  it.each([
    [{ first: -1 }, 'first'],
    [{ first: 101 }, 'first'],
    [{ first: 1, after: 'garbage' }, 'after'],
  ])('refuses %p', async (page, field) => {
    const { list } = contactsFixture();
    const error = await list.execute(OWNER, page).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details['field']).toBe(field);
  });

  it('round-trips cursors', () => {
    const cursor = { createdAt: new Date('2026-12-01T12:00:00.123Z'), id: '0b0e7a9c-3d6f-4e63-9d2a-5c1f2b3a4d5e' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
});
