import { z } from 'zod';
import { defineEvent } from '../contract.js';
import { uuid } from './common.js';

const contact = {
  contactId: uuid,
  ownerId: uuid,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
};

/** A command, not a fact: the contacts worker persists the contact it describes. */
export const ContactCreateRequested = defineEvent(
  'CONTACTS',
  'contacts.contact.create-requested',
  1,
  z.object({ ...contact, requestedAt: z.string() }),
);
export const ContactCreated = defineEvent(
  'CONTACTS',
  'contacts.contact.created',
  1,
  z.object({ contactId: uuid, ownerId: uuid }),
);
export const ContactUpdated = defineEvent(
  'CONTACTS',
  'contacts.contact.updated',
  1,
  z.object({ contactId: uuid, ownerId: uuid }),
);
export const ContactDeleted = defineEvent(
  'CONTACTS',
  'contacts.contact.deleted',
  1,
  z.object({ contactId: uuid, ownerId: uuid }),
);
