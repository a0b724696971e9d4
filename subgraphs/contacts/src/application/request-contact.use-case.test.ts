import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@peerseed/shared/domain';
import { contactsFixture, johnDoe, OWNER } from '../../test/fakes/in-memory-contacts.js';

describe('RequestContact (createContact)', () => {
  it('records the PENDING contact and the create-requested command together, and answers PENDING', async () => {
    const { db, request } = contactsFixture();
    const contact = await request.execute(OWNER, johnDoe());
    expect(contact).toMatchObject({ ownerId: OWNER, firstName: 'John', status: 'PENDING' });
    expect(db.pending.get(contact.id)).toEqual(contact);
    expect(db.active.size).toBe(0);
    expect(db.events).toEqual([{ type: 'createRequested', contactId: contact.id }]);
  });

  it.each([
    [{ email: 'john-at-example.com' }, 'email'],
    [{ phone: '12345' }, 'phone'],
    [{ firstName: ' ' }, 'firstName'],
    [{ lastName: 'x'.repeat(101) }, 'lastName'],
  ])('refuses %p and writes nothing', async (change, field) => {
    const { db, request } = contactsFixture();
    const error = await request.execute(OWNER, johnDoe(change)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details['field']).toBe(field);
    expect([db.pending.size, db.active.size, db.events.length]).toEqual([0, 0, 0]);
  });
});
