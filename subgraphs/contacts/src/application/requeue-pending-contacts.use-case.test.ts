import { describe, expect, it } from '@jest/globals';
import { contactsFixture, johnDoe, OWNER } from '../../test/fakes/in-memory-contacts.js';
import { RequeuePendingContacts } from './requeue-pending-contacts.use-case.js';

describe('RequeuePendingContacts', () => {
  it('issues the command of every PENDING contact again; the duplicates persist nothing twice', async () => {
    const { db, request, persist } = contactsFixture();
    const [a, b] = [await request.execute(OWNER, johnDoe()), await request.execute(OWNER, johnDoe())];
    await persist(a);
    expect(await new RequeuePendingContacts(db).execute()).toBe(1);
    expect(db.events.filter((e) => e.type === 'createRequested').map((e) => e.contactId)).toEqual([a.id, b.id, b.id]);
    await persist(b);
    expect(await persist(b)).toBeNull(); // the second command for b
    expect(db.active.size).toBe(2);
  });
});
