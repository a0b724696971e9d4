import { activateContact, ContactStatus, type Contact } from '../domain/contact.js';
import type { Clock, ContactCache, ContactsTransaction } from './ports.js';

/** What the worker needs from the command `contacts.contact.create-requested`. */
export interface CreateRequestedCommand {
  contactId: string;
  ownerId: string;
}

/** Persists one requested contact inside a transaction the caller owns (the consumer's). */
export interface PersistsRequestedContact {
  execute(tx: ContactsTransaction, command: CreateRequestedCommand): Promise<Contact | null>;
}

/**
 * The worker's task (the seed's Celery task): persist a requested contact as ACTIVE,
 * publish `contacts.contact.created` and, after the commit, cache it. The PENDING record
 * is the source: it holds the owner's edits made while the command waited. Safe to run
 * again: the inbox drops a redelivered command, the primary key a second persist, and a
 * contact already persisted or deleted while PENDING has no record left (null).
 */
export class PersistRequestedContact implements PersistsRequestedContact {
  constructor(private readonly deps: { clock: Clock; cache: ContactCache }) {}

  async execute(tx: ContactsTransaction, command: CreateRequestedCommand): Promise<Contact | null> {
    const requested = await tx.contacts.findByIdForUpdate(command.contactId);
    if (!requested || requested.status !== ContactStatus.PENDING) return null;
    if (requested.ownerId !== command.ownerId) {
      // Cannot happen unless the command was forged or corrupted: fail, retry, dead-letter.
      throw new Error(`command for contact ${command.contactId} names another owner`);
    }
    const contact = activateContact(requested, this.deps.clock.now());
    if (!(await tx.contacts.persist(contact))) return null;
    await tx.events.created(contact);
    tx.afterCommit(() => this.deps.cache.put(contact));
    return contact;
  }
}
