import {
  assertOwnedBy,
  contactNotFound,
  ContactStatus,
  isContactId,
  reviseContact,
  type Contact,
} from '../domain/contact.js';
import type { ContactDetailsInput } from '../domain/contact-details.js';
import type { Clock, ContactCache, UnitOfWork } from './ports.js';

/**
 * `updateContact`, synchronous: the row is locked, revised and saved with
 * `contacts.contact.updated` in one transaction; after the commit the new version
 * overwrites the cache entry (a stale fill in flight cannot win: it carries an older
 * version). A PENDING contact is edited in place and the worker persists the edit;
 * it publishes no event (its `created` comes later, with these details).
 */
export class UpdateContact {
  constructor(private readonly deps: { uow: UnitOfWork; clock: Clock; cache: ContactCache }) {}

  async execute(ownerId: string, id: string, input: ContactDetailsInput): Promise<Contact> {
    if (!isContactId(id)) throw contactNotFound();
    return this.deps.uow.run(async (tx) => {
      const current = assertOwnedBy(await tx.contacts.findByIdForUpdate(id.toLowerCase()), ownerId);
      const revised = reviseContact(current, input, this.deps.clock.now());
      await tx.contacts.save(revised);
      if (revised.status === ContactStatus.ACTIVE) {
        await tx.events.updated(revised);
        tx.afterCommit(() => this.deps.cache.put(revised));
      }
      return revised;
    });
  }
}
