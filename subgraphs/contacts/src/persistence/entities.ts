import { EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { Contact } from '../domain/contact.js';

// Two tables: `contacts` holds what the worker persisted (ACTIVE); `contact_requests`
// holds the PENDING marker the API writes with the command, until the worker persists
// it. A contact is in exactly one of them at any time (the worker moves it in one
// transaction), so the status is where the row is, not a column. Column types match
// the committed migrations (a test checks).

/** A persisted (ACTIVE) contact. */
export type ContactRow = Omit<Contact, 'status'>;
/** A PENDING contact: accepted and announced, not yet persisted by the worker. */
export type ContactRequestRow = Omit<Contact, 'status' | 'version'>;

const details = {
  id: { type: 'uuid', primary: true },
  ownerId: { type: 'uuid' },
  firstName: { type: 'string', length: 100 },
  lastName: { type: 'string', length: 100 },
  email: { type: 'string', length: 254 },
  phone: { type: 'string', length: 16, nullable: true },
  createdAt: { type: 'datetime', length: 3 },
  updatedAt: { type: 'datetime', length: 3 },
} as const;

export const ContactEntity = new EntitySchema<ContactRow>({
  name: 'Contact',
  tableName: 'contacts',
  indexes: [{ name: 'contacts_owner_page_index', properties: ['ownerId', 'createdAt', 'id'] }],
  properties: { ...details, version: { type: 'integer' } },
});

export const ContactRequestEntity = new EntitySchema<ContactRequestRow>({
  name: 'ContactRequest',
  tableName: 'contact_requests',
  indexes: [{ name: 'contact_requests_owner_page_index', properties: ['ownerId', 'createdAt', 'id'] }],
  properties: { ...details },
});

export const contactsEntities = [ContactEntity, ContactRequestEntity, ...eventEntities];
