import { requestContact, type Contact } from '../domain/contact.js';
import type { ContactDetailsInput } from '../domain/contact-details.js';
import type { Clock, IdGenerator, UnitOfWork } from './ports.js';

/**
 * `createContact`: validates, then records the PENDING contact and the command
 * `contacts.contact.create-requested` in one transaction (outbox). The worker persists
 * it; until then reads answer from the PENDING record. Invalid input writes nothing.
 */
export class RequestContact {
  constructor(private readonly deps: { uow: UnitOfWork; ids: IdGenerator; clock: Clock }) {}

  async execute(ownerId: string, input: ContactDetailsInput): Promise<Contact> {
    const contact = requestContact({ id: this.deps.ids.newId(), ownerId, input, now: this.deps.clock.now() });
    return this.deps.uow.run(async (tx) => {
      await tx.contacts.addPending(contact);
      await tx.events.createRequested(contact);
      return contact;
    });
  }
}
