import { NotFoundError } from '@peerseed/shared/domain';
import { parseContactDetails, type ContactDetails, type ContactDetailsInput } from './contact-details.js';

/** PENDING: accepted, being persisted by the contacts worker. ACTIVE: persisted. */
export const ContactStatus = { PENDING: 'PENDING', ACTIVE: 'ACTIVE' } as const;
export type ContactStatus = (typeof ContactStatus)[keyof typeof ContactStatus];

/** One entry of a user's contact book. Only its owner ever sees or changes it. */
export interface Contact extends ContactDetails {
  id: string;
  ownerId: string;
  status: ContactStatus;
  createdAt: Date;
  updatedAt: Date;
  /**
   * Grows with every change of a persisted contact (0 while PENDING). The read cache
   * keeps the highest version it has seen, so a late cache fill never undoes a change.
   */
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are server-made UUIDs: anything else names no contact (and never reaches a uuid column). */
export const isContactId = (id: string): boolean => UUID.test(id);

/** Someone else's contact and a missing one look the same, so ids reveal nothing. */
export const contactNotFound = () => new NotFoundError('Contact not found');

/**
 * The seed's `ContactService.create_contact`: validates the owner's input and makes the
 * contact, PENDING until the worker persists it. Throws ValidationError (with its field).
 */
export function requestContact(args: { id: string; ownerId: string; input: ContactDetailsInput; now: Date }): Contact {
  return {
    id: args.id,
    ownerId: args.ownerId,
    ...parseContactDetails(args.input),
    status: ContactStatus.PENDING,
    createdAt: args.now,
    updatedAt: args.now,
    version: 0,
  };
}

/**
 * The persisted form of a requested contact. It keeps the request's `createdAt`, so its
 * place in the owner's list (and every cursor pointing at it) does not move.
 */
export function activateContact(requested: Contact, now: Date): Contact {
  return { ...requested, status: ContactStatus.ACTIVE, updatedAt: now, version: 1 };
}

/** The owner's edit, validated like a new contact; a persisted contact gets a new version. */
export function reviseContact(contact: Contact, input: ContactDetailsInput, now: Date): Contact {
  const details: ContactDetails = parseContactDetails(input);
  const version = contact.status === ContactStatus.ACTIVE ? contact.version + 1 : contact.version;
  return { ...contact, ...details, updatedAt: now, version };
}

/** Owner check: someone else's contact is NOT_FOUND, never FORBIDDEN. */
export function assertOwnedBy(contact: Contact | null, ownerId: string): Contact {
  if (!contact || contact.ownerId !== ownerId) throw contactNotFound();
  return contact;
}
