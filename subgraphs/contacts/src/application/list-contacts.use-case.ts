import { ValidationError } from '@peerseed/shared/domain';
import type { Contact } from '../domain/contact.js';
import { decodeCursor } from './contact-cursor.js';
import type { UnitOfWork } from './ports.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ContactPage {
  contacts: Contact[];
  hasNextPage: boolean;
}

/**
 * A page of the owner's contacts, PENDING ones included, oldest first. Keyset
 * pagination on (createdAt, id): stable under inserts and deletes, one index range scan.
 * Pages come from the database; the cache serves by-id reads.
 */
export class ListContacts {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(ownerId: string, page: { first?: number | null; after?: string | null }): Promise<ContactPage> {
    const first = page.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw new ValidationError(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
    }
    const after = page.after ? decodeCursor(page.after) : null;
    if (first === 0) return { contacts: [], hasNextPage: false };
    const rows = await this.uow.read((tx) => tx.contacts.pageOfOwner(ownerId, after, first + 1));
    return { contacts: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
