import { ContactsEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { ContactsEvents } from '../application/ports.js';
import type { Contact } from '../domain/contact.js';

/** Contacts' command and events into the transaction's outbox, as their shared contracts say. */
export class OutboxContactsEvents implements ContactsEvents {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async createRequested(contact: Contact): Promise<void> {
    // The one event that carries personal data (ADR 0005): the command the worker persists; it stays in CONTACTS.
    await this.outbox.append(this.em, Contracts.ContactCreateRequested, contact.id, {
      contactId: contact.id,
      ownerId: contact.ownerId,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      requestedAt: contact.createdAt.toISOString(),
    });
  }

  async created(contact: Contact): Promise<void> {
    await this.outbox.append(this.em, Contracts.ContactCreated, contact.id, ids(contact));
  }

  async updated(contact: Contact): Promise<void> {
    await this.outbox.append(this.em, Contracts.ContactUpdated, contact.id, ids(contact));
  }

  async deleted(contact: Contact): Promise<void> {
    await this.outbox.append(this.em, Contracts.ContactDeleted, contact.id, ids(contact));
  }
}

const ids = (contact: Contact) => ({ contactId: contact.id, ownerId: contact.ownerId });
