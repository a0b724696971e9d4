import { describe, expect, it } from '@jest/globals';
import { contactsFixture, johnDoe, ManualClock, OWNER } from '../../test/fakes/in-memory-contacts.js';
import { PersistRequestedContact } from './persist-requested-contact.use-case.js';

describe('PersistRequestedContact (the worker task)', () => {
  it('persists the contact ACTIVE, publishes created and caches it after the commit', async () => {
    const { db, cache, request, persist, clock } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    clock.advance(2);
    const persisted = await persist(requested);
    expect(persisted).toMatchObject({ id: requested.id, status: 'ACTIVE', version: 1, createdAt: requested.createdAt });
    expect(db.pending.size).toBe(0);
    expect(db.active.get(requested.id)).toEqual(persisted);
    expect(db.events.map((e) => e.type)).toEqual(['createRequested', 'created']);
    expect((await cache.getMany([requested.id])).get(requested.id)?.contact).toEqual(persisted);
  });

  it('creates one contact when the command is handled twice', async () => {
    const { db, request, persist } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    await persist(requested);
    expect(await persist(requested)).toBeNull();
    expect(db.active.size).toBe(1);
    expect(db.events.filter((e) => e.type === 'created')).toHaveLength(1);
  });

  it('persists the edits made while it was PENDING', async () => {
    const { db, request, update, persist } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    await update.execute(OWNER, requested.id, johnDoe({ firstName: 'Jack' }));
    await persist(requested);
    expect(db.active.get(requested.id)).toMatchObject({ firstName: 'Jack', status: 'ACTIVE' });
    expect(db.events.map((e) => e.type)).toEqual(['createRequested', 'created']); // no `updated` before `created`
  });

  it('creates nothing for a contact deleted while PENDING', async () => {
    const { db, cache, request, remove, persist } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    await remove.execute(OWNER, requested.id);
    expect(await persist(requested)).toBeNull();
    expect([db.active.size, db.pending.size]).toEqual([0, 0]);
    expect(db.events.map((e) => e.type)).toEqual(['createRequested']);
    expect((await cache.getMany([requested.id])).get(requested.id)?.contact).toBeNull();
  });

  it('refuses a command naming another owner than the request', async () => {
    const { db, cache, request } = contactsFixture();
    const requested = await request.execute(OWNER, johnDoe());
    const task = new PersistRequestedContact({ clock: new ManualClock(), cache });
    await expect(
      db.run((tx) => task.execute(tx, { contactId: requested.id, ownerId: '99999999-9999-4999-8999-999999999999' })),
    ).rejects.toThrow('names another owner');
    expect(db.pending.size).toBe(1);
  });
});
