import { assertOwnedBy, contactNotFound, ContactStatus, isContactId } from '../domain/contact.js';
import type { ContactCache, UnitOfWork } from './ports.js';

/**
 * `deleteContact`, synchronous: removed with `contacts.contact.deleted` in one
 * transaction, then a tombstone replaces the cache entry, so neither a cached copy nor
 * a late cache fill shows the contact again. Deleting a PENDING contact cancels it:
 * the worker finds nothing to persist.
 */
export class DeleteContact {
  constructor(private readonly deps: { uow: UnitOfWork; cache: ContactCache }) {}

  async execute(ownerId: string, id: string): Promise<boolean> {
    if (!isContactId(id)) throw contactNotFound();
    return this.deps.uow.run(async (tx) => {
      const contact = assertOwnedBy(await tx.contacts.findByIdForUpdate(id.toLowerCase()), ownerId);
      await tx.contacts.remove(contact);
      if (contact.status === ContactStatus.ACTIVE) await tx.events.deleted(contact);
      tx.afterCommit(() => this.deps.cache.putDeleted(contact.id, contact.version + 1));
      return true as const;
    });
  }
}
