import { ContactStatus, isContactId, type Contact } from '../domain/contact.js';
import type { ContactCache, UnitOfWork } from './ports.js';

/**
 * Reads contacts by id: the cache first, then the database for the misses, then fills
 * the cache with what it found. PENDING contacts are not cached: the worker may persist
 * them in another process at any moment, and a read of the small PENDING table is cheap.
 */
export class GetContacts {
  constructor(private readonly deps: { uow: UnitOfWork; cache: ContactCache }) {}

  /** The contacts found among `ids` (any owner: callers apply the visibility rule). */
  async byIds(ids: readonly string[]): Promise<Contact[]> {
    const valid = [...new Set(ids.filter(isContactId).map((id) => id.toLowerCase()))];
    if (valid.length === 0) return [];
    const cached = await this.deps.cache.getMany(valid);
    const found: Contact[] = [];
    for (const entry of cached.values()) if (entry.contact) found.push(entry.contact);
    const misses = valid.filter((id) => !cached.has(id));
    if (misses.length === 0) return found;
    const loaded = await this.deps.uow.read((tx) => tx.contacts.findByIds(misses));
    await Promise.all(loaded.filter((c) => c.status === ContactStatus.ACTIVE).map((c) => this.deps.cache.put(c)));
    return [...found, ...loaded];
  }

  /** The owner's contact with this id, or null (missing and someone else's look the same). */
  async ownedBy(ownerId: string, id: string): Promise<Contact | null> {
    const [contact] = await this.byIds([id]);
    return contact && contact.ownerId === ownerId ? contact : null;
  }
}
