import { describe, expect, it } from '@jest/globals';
import { NotFoundError } from '@peerseed/shared/domain';
import { activateContact, assertOwnedBy, isContactId, requestContact, reviseContact } from './contact.js';

const ids = { id: '0b0e7a9c-3d6f-4e63-9d2a-5c1f2b3a4d5e', ownerId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b' };
const now = new Date('2026-12-01T12:00:00.000Z');
const john = { firstName: 'John', lastName: 'Doe', email: 'john@example.com', phone: '+5511987654321' };

// The seed's ContactServiceTest.test_create_contact, on our domain. (The seed's phone
// "123456789" is not E.164, so John gets a real one here; see contact-details.test.ts.)
describe('ContactService (seed 004): creating a contact', () => {
  it('creates John Doe', () => {
    const contact = requestContact({ ...ids, input: john, now });
    expect(contact.firstName).toBe('John');
  });

  it('makes it PENDING, owned, timestamped, with the normalised details', () => {
    const contact = requestContact({
      ...ids,
      input: { ...john, firstName: '  John ', email: ' John@Example.COM' },
      now,
    });
    expect(contact).toEqual({
      ...ids,
      firstName: 'John',
      lastName: 'Doe',
      email: 'john@example.com',
      phone: '+5511987654321',
      status: 'PENDING',
      createdAt: now,
      updatedAt: now,
      version: 0,
    });
  });
});

describe('contact lifecycle', () => {
  const requested = requestContact({ ...ids, input: john, now });
  const later = new Date(now.getTime() + 60_000);

  it('is persisted ACTIVE at version 1 and keeps its creation time (its place in lists)', () => {
    const active = activateContact(requested, later);
    expect(active).toMatchObject({ status: 'ACTIVE', version: 1, createdAt: now, updatedAt: later });
  });

  it('gets a new version with each edit once persisted, validated like a new contact', () => {
    const revised = reviseContact(activateContact(requested, now), { ...john, lastName: 'Roe' }, later);
    expect(revised).toMatchObject({ lastName: 'Roe', version: 2, updatedAt: later });
    expect(() => reviseContact(revised, { ...john, email: 'nope' }, later)).toThrow('Email address is not valid');
  });

  it('keeps version 0 while an edit changes a PENDING contact', () => {
    expect(reviseContact(requested, { ...john, firstName: 'Jack' }, later)).toMatchObject({
      firstName: 'Jack',
      status: 'PENDING',
      version: 0,
    });
  });

  it("treats someone else's contact as missing", () => {
    expect(assertOwnedBy(requested, ids.ownerId)).toBe(requested);
    expect(() => assertOwnedBy(requested, 'someone-else')).toThrow(NotFoundError);
    expect(() => assertOwnedBy(null, ids.ownerId)).toThrow(NotFoundError);
  });

  it('recognises ids that can name a contact', () => {
    expect(isContactId(ids.id)).toBe(true);
    expect(isContactId(ids.id.toUpperCase())).toBe(true);
    expect(isContactId('1')).toBe(false);
    expect(isContactId(`${ids.id}'; drop table contacts; --`)).toBe(false);
  });
});
