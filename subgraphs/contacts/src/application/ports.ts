import type { Contact } from '../domain/contact.js';

/** Where a page of an owner's contacts starts: after this (createdAt, id). */
export interface ContactCursor {
  createdAt: Date;
  id: string;
}

/**
 * Contacts in either state, as the use cases need them. Whether a PENDING contact
 * lives beside the persisted ones or elsewhere is the adapter's business.
 */
export interface ContactRepository {
  findByIds(ids: readonly string[]): Promise<Contact[]>;
  /**
   * Loads the contact and locks it until the transaction ends, so an edit, a delete and
   * the worker persisting it happen one after another.
   */
  findByIdForUpdate(id: string): Promise<Contact | null>;
  /** Up to `limit` of the owner's contacts after `after`, in (createdAt, id) order, both states. */
  pageOfOwner(ownerId: string, after: ContactCursor | null, limit: number): Promise<Contact[]>;
  /** Every PENDING contact, oldest first (recovering commands lost with an in-process transport). */
  allPending(): Promise<Contact[]>;
  /** Records a PENDING contact: what reads answer until the worker persists it. */
  addPending(contact: Contact): Promise<void>;
  /**
   * Stores the ACTIVE contact in place of its PENDING record. The id is the primary key:
   * persisting it again stores nothing and returns false.
   */
  persist(contact: Contact): Promise<boolean>;
  /** Saves the details, `updatedAt` and version of a contact loaded for update. */
  save(contact: Contact): Promise<void>;
  remove(contact: Contact): Promise<void>;
}

/** Contacts' events and commands, recorded in the same transaction as the change (outbox). */
export interface ContactsEvents {
  /** The command `contacts.contact.create-requested`, which the worker consumes. */
  createRequested(contact: Contact): Promise<void>;
  created(contact: Contact): Promise<void>;
  updated(contact: Contact): Promise<void>;
  deleted(contact: Contact): Promise<void>;
}

/** The repositories and outbox of one database transaction. */
export interface ContactsTransaction {
  contacts: ContactRepository;
  events: ContactsEvents;
  /**
   * Runs `work` once the transaction has committed, never if it rolls back: cache
   * writes go here, so the cache never shows what the database did not keep.
   */
  afterCommit(work: () => Promise<void>): void;
}

/** Runs work in one database transaction: all of it commits, or none. */
export interface UnitOfWork {
  run<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T>;
  /** Reads outside an explicit transaction. */
  read<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T>;
}

/** A cached contact, or a tombstone (`contact: null`) left by a delete. */
export interface CacheEntry {
  version: number;
  contact: Contact | null;
}

/**
 * The read cache (Redis, or an in-process LRU). Entries are versioned: a write only
 * lands if the cache holds no newer version, so a slow cache fill that read the
 * database before an update or delete can never put the old value back. It never
 * throws: a cache that is down answers misses and ignores writes.
 */
export interface ContactCache {
  /** Entries held for `ids`; an id without an entry is a miss. */
  getMany(ids: readonly string[]): Promise<Map<string, CacheEntry>>;
  /** Caches a persisted (ACTIVE) contact unless a newer version is cached. */
  put(contact: Contact): Promise<void>;
  /** Leaves a tombstone of `version`, so no older fill brings a deleted contact back. */
  putDeleted(id: string, version: number): Promise<void>;
  close(): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
