import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { openDatabase, type EventBackbone, type Orm, startEventBackbone } from '@peerseed/shared';
import { createTestDatabase, type TestDatabase } from '@peerseed/shared/testing';
import { pino } from 'pino';
import {
  PersistRequestedContact,
  type PersistsRequestedContact,
} from '../src/application/persist-requested-contact.use-case.js';
import { RequestContact } from '../src/application/request-contact.use-case.js';
import { LruContactCache } from '../src/cache/lru-contact.cache.js';
import { requestContact } from '../src/domain/contact.js';
import { OutboxContactsEvents } from '../src/events/outbox-contacts-events.js';
import { persistContactOnCreateRequested } from '../src/events/persist-contact-on-create-requested.consumer.js';
import { contactsEntities } from '../src/persistence/entities.js';
import { contactsMigrations } from '../src/persistence/migrations/index.js';
import { MikroOrmContactRepository } from '../src/persistence/mikro-orm-contact.repository.js';
import { MikroOrmUnitOfWork } from '../src/persistence/mikro-orm-unit-of-work.js';
import { eventually, johnDoe } from './support/test-contacts.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const LIMIT_MS = 300;

// The seed's "timeouts": a task over its time limit fails and is retried, and the
// abandoned attempt leaves nothing behind. Real PostgreSQL, the in-process transport.
describe('worker task time limit', () => {
  const logs: string[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logs.push(line) });
  const clock = { now: () => new Date() };
  let db: TestDatabase;
  let orm: Orm;
  let events: EventBackbone;
  let attempts = 0;
  let stallFirstAttempt = true;

  beforeAll(async () => {
    db = createTestDatabase('contacts-timeout');
    orm = await openDatabase({
      service: 'contacts',
      databaseUrl: db.serverUrl,
      dbName: db.dbName,
      dataDir: '',
      entities: contactsEntities,
      migrations: contactsMigrations,
      logger,
    });
    const real = new PersistRequestedContact({ clock, cache: new LruContactCache({ maxEntries: 10, ttlSeconds: 60 }) });
    // The first attempt of each command stalls past the limit, then tries to carry on.
    const stalling: PersistsRequestedContact = {
      execute: async (tx, command) => {
        attempts += 1;
        if (stallFirstAttempt && attempts === 1) await sleep(LIMIT_MS * 2);
        return real.execute(tx, command);
      },
    };
    events = await startEventBackbone({
      service: 'contacts',
      orm,
      logger,
      handlers: [persistContactOnCreateRequested({ persist: stalling, timeLimitMs: LIMIT_MS })],
      ackWaitMs: 5_000,
      concurrency: 4,
      maxDeliveries: 5,
    });
  });
  afterAll(async () => {
    await events.close();
    await orm.close();
    await db.drop();
  });

  const requestOne = async () => {
    const uow = new MikroOrmUnitOfWork(orm.em.fork(), {
      outbox: events.outbox,
      afterCommit: () => events.relay.wake(),
    });
    return new RequestContact({ uow, ids: { newId: randomUUID }, clock }).execute(randomUUID(), johnDoe());
  };
  const count = async (query: string, params: unknown[]) =>
    (await orm.em.fork().getConnection().execute<{ n: number }[]>(query, params))[0]!.n;
  const persisted = (id: string) => count('select count(*)::int as n from contacts where id = ?', [id]);
  const createdEvents = (id: string) =>
    count(
      `select count(*)::int as n from outbox_events where subject = 'contacts.contact.created' and envelope like ?`,
      [`%"subject":"${id}"%`],
    );

  it('fails a task that runs past the limit, retries it, and the stalled attempt writes nothing', async () => {
    const contact = await requestOne();
    await eventually(async () => (await persisted(contact.id)) === 1, 10_000, 'the retry');
    expect(attempts).toBe(2);
    expect(logs.some((l) => l.includes('event handling failed; will retry') && l.includes('took longer than'))).toBe(
      true,
    );
    await sleep(LIMIT_MS * 2); // the stalled attempt has long woken up by now
    expect(await persisted(contact.id)).toBe(1);
    expect(await createdEvents(contact.id)).toBe(1);
  });

  it('cancels a statement stuck in the database (statement_timeout), then succeeds once unblocked', async () => {
    stallFirstAttempt = false;
    attempts = 0;
    // The PENDING row exists and another session locks it before the command goes out, so the
    // worker's `select … for update` surely waits on that lock.
    const contact = requestContact({ id: randomUUID(), ownerId: randomUUID(), input: johnDoe(), now: new Date() });
    await orm.em.fork().transactional((em) => new MikroOrmContactRepository(em).addPending(contact));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = orm.em.fork().transactional(async (em) => {
      await em.execute('select id from contact_requests where id = ? for update', [contact.id]);
      locked();
      await released;
    });
    try {
      await isLocked;
      await orm.em.fork().transactional((em) => new OutboxContactsEvents(em, events.outbox).createRequested(contact));
      events.relay.wake();
      await eventually(async () => attempts >= 2, 10_000, 'a timed-out attempt and its retry');
      expect(await persisted(contact.id)).toBe(0);
    } finally {
      release();
      await holder;
    }
    await eventually(async () => (await persisted(contact.id)) === 1, 10_000, 'the persist');
    expect(await createdEvents(contact.id)).toBe(1);
  });
});
