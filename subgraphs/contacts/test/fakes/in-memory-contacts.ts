import { DeleteContact } from '../../src/application/delete-contact.use-case.js';
import { GetContacts } from '../../src/application/get-contacts.use-case.js';
import { ListContacts } from '../../src/application/list-contacts.use-case.js';
import { PersistRequestedContact } from '../../src/application/persist-requested-contact.use-case.js';
import { RequestContact } from '../../src/application/request-contact.use-case.js';
import { UpdateContact } from '../../src/application/update-contact.use-case.js';
import type {
  CacheEntry,
  Clock,
  ContactCache,
  ContactsTransaction,
  IdGenerator,
  UnitOfWork,
} from '../../src/application/ports.js';
import { LruContactCache } from '../../src/cache/lru-contact.cache.js';
import { ContactStatus, type Contact } from '../../src/domain/contact.js';

export type RecordedEvent = { type: 'createRequested' | 'created' | 'updated' | 'deleted'; contactId: string };

const byPageOrder = (a: Contact, b: Contact) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

/**
 * The contacts database in memory with transaction semantics: a failed `run` leaves it
 * as it was and runs no `afterCommit` work. Like the real one, PENDING and ACTIVE
 * contacts are kept apart and `persist` is keyed by id.
 */
export class InMemoryContacts implements UnitOfWork {
  active = new Map<string, Contact>();
  pending = new Map<string, Contact>();
  /** Events recorded by committed transactions. */
  events: RecordedEvent[] = [];

  async run<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T> {
    const snapshot = {
      active: structuredClone(this.active),
      pending: structuredClone(this.pending),
      events: [...this.events],
    };
    const committed: (() => Promise<void>)[] = [];
    try {
      const result = await work(this.tx((w) => void committed.push(w)));
      for (const w of committed) await w();
      return result;
    } catch (error) {
      Object.assign(this, snapshot);
      throw error;
    }
  }

  read<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T> {
    return work(
      this.tx(() => {
        throw new Error('afterCommit outside a transaction');
      }),
    );
  }

  all(): Contact[] {
    return [...this.active.values(), ...this.pending.values()];
  }

  private tx(afterCommit: ContactsTransaction['afterCommit']): ContactsTransaction {
    const find = (id: string) => structuredClone(this.active.get(id) ?? this.pending.get(id) ?? null);
    const record = (type: RecordedEvent['type']) => async (c: Contact) =>
      void this.events.push({ type, contactId: c.id });
    return {
      afterCommit,
      events: {
        createRequested: record('createRequested'),
        created: record('created'),
        updated: record('updated'),
        deleted: record('deleted'),
      },
      contacts: {
        findByIds: async (ids) => ids.map(find).filter((c): c is Contact => c !== null),
        findByIdForUpdate: async (id) => find(id),
        pageOfOwner: async (ownerId, after, limit) =>
          this.all()
            .filter((c) => c.ownerId === ownerId)
            .filter((c) => !after || byPageOrder(c, { ...c, createdAt: after.createdAt, id: after.id }) > 0)
            .sort(byPageOrder)
            .slice(0, limit)
            .map((c) => structuredClone(c)),
        allPending: async () => [...this.pending.values()].sort(byPageOrder).map((c) => structuredClone(c)),
        addPending: async (contact) => void this.pending.set(contact.id, structuredClone(contact)),
        persist: async (contact) => {
          this.pending.delete(contact.id);
          if (this.active.has(contact.id)) return false;
          this.active.set(contact.id, structuredClone(contact));
          return true;
        },
        save: async (contact) => {
          const table = contact.status === ContactStatus.ACTIVE ? this.active : this.pending;
          table.set(contact.id, structuredClone(contact));
        },
        remove: async (contact) => {
          (contact.status === ContactStatus.ACTIVE ? this.active : this.pending).delete(contact.id);
        },
      },
    };
  }
}

/** The real in-process cache, counting reads and hits. */
export class CountingCache implements ContactCache {
  readonly inner = new LruContactCache({ maxEntries: 100, ttlSeconds: 60 });
  reads = 0;
  hits = 0;

  async getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>> {
    this.reads += ids.length;
    const found = await this.inner.getMany(ids);
    this.hits += found.size;
    return found;
  }
  put = (contact: Contact) => this.inner.put(contact);
  putDeleted = (id: string, version: number) => this.inner.putDeleted(id, version);
  close = () => this.inner.close();
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-12-01T12:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

let sequence = 0;
export const sequentialIds: IdGenerator = {
  newId: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
};

export const OWNER = '11111111-1111-4111-8111-111111111111';
export const STRANGER = '22222222-2222-4222-8222-222222222222';

/** The seed's John Doe, with an E.164 phone. */
export const johnDoe = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@example.com',
  phone: '+5511987654321',
  ...overrides,
});

/** The use cases of one unit test over in-memory fakes. */
export function contactsFixture() {
  const db = new InMemoryContacts();
  const cache = new CountingCache();
  const clock = new ManualClock();
  const persist = new PersistRequestedContact({ clock, cache });
  return {
    db,
    cache,
    clock,
    request: new RequestContact({ uow: db, ids: sequentialIds, clock }),
    get: new GetContacts({ uow: db, cache }),
    list: new ListContacts(db),
    update: new UpdateContact({ uow: db, clock, cache }),
    remove: new DeleteContact({ uow: db, cache }),
    /** What the worker does with the command of `contact`. */
    persist: (contact: Contact) =>
      db.run((tx) => persist.execute(tx, { contactId: contact.id, ownerId: contact.ownerId })),
  };
}
