import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { EventTablePruner } from '../../src/index.js';
import { testLogger } from '../../src/testing/index.js';
import { openEventsDatabase } from '../support/events-fixture.js';

// Real PostgreSQL: what the pruner deletes, and above all what it must keep.
describe('event table pruner', () => {
  let bed: Awaited<ReturnType<typeof openEventsDatabase>>;
  beforeAll(async () => {
    bed = await openEventsDatabase('pruner');
  });
  afterAll(async () => {
    await bed.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) =>
    bed.orm.em.fork().getConnection().execute<T[]>(query, params);
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  const outboxRow = (createdAt: Date, publishedAt: Date | null) =>
    sql(
      `insert into outbox_events (id, stream, subject, envelope, created_at, published_at, attempts)
       values (?, 'ACCOUNTS', 'accounts.test.pinged', '{}', ?, ?, 0) returning id`,
      [randomUUID(), createdAt, publishedAt],
    ).then((rows) => (rows[0] as { id: string }).id);
  const inboxRow = (processedAt: Date) =>
    sql(`insert into inbox_events (consumer, event_id, processed_at) values ('c', ?, ?) returning event_id`, [
      randomUUID(),
      processedAt,
    ]).then((rows) => (rows[0] as { event_id: string }).event_id);
  const deadLetter = (replayedAt: Date | null) =>
    sql(
      `insert into dead_letters (id, consumer, event_id, stream, subject, envelope, error, deliveries, created_at, replayed_at)
       values (?, 'c', ?, 'ACCOUNTS', 'accounts.test.pinged', '{}', 'boom', 5, ?, ?) returning id`,
      [randomUUID(), randomUUID(), daysAgo(60), replayedAt],
    ).then((rows) => (rows[0] as { id: string }).id);
  const ids = async (table: string, column: string) =>
    new Set((await sql<Record<string, string>>(`select ${column} as v from ${table}`)).map((row) => row['v']));

  it('deletes published outbox rows, inbox rows and replayed dead letters past retention; keeps the rest', async () => {
    const oldPublished = await outboxRow(daysAgo(10), daysAgo(9));
    const recentPublished = await outboxRow(daysAgo(2), daysAgo(2));
    const oldPending = await outboxRow(daysAgo(30), null); // never published: the relay's, whatever its age
    const oldInbox = await inboxRow(daysAgo(15));
    const recentInbox = await inboxRow(daysAgo(13));
    const replayedLongAgo = await deadLetter(daysAgo(31));
    const replayedRecently = await deadLetter(daysAgo(1));
    const notReplayed = await deadLetter(null);

    const pruner = new EventTablePruner({ orm: bed.orm, logger: testLogger() });
    expect(await pruner.prune()).toEqual({ outbox_events: 1, inbox_events: 1, dead_letters: 1 });

    const outbox = await ids('outbox_events', 'id');
    expect(outbox.has(oldPublished)).toBe(false);
    expect(outbox.has(recentPublished)).toBe(true);
    expect(outbox.has(oldPending)).toBe(true);
    const inbox = await ids('inbox_events', 'event_id');
    expect(inbox.has(oldInbox)).toBe(false);
    expect(inbox.has(recentInbox)).toBe(true);
    const letters = await ids('dead_letters', 'id');
    expect(letters.has(replayedLongAgo)).toBe(false);
    expect(letters.has(replayedRecently)).toBe(true);
    expect(letters.has(notReplayed)).toBe(true);

    // A second pass finds nothing more to do.
    expect(await pruner.prune()).toEqual({ outbox_events: 0, inbox_events: 0, dead_letters: 0 });
  });

  it('deletes past one statement batch, and honours a shorter retention', async () => {
    await sql(
      `insert into outbox_events (id, stream, subject, envelope, created_at, published_at, attempts)
       select gen_random_uuid(), 'ACCOUNTS', 'accounts.test.pinged', '{}', now() - interval '2 hours', now() - interval '2 hours', 0
       from generate_series(1, 5003)`,
    );
    const pruner = new EventTablePruner({ orm: bed.orm, logger: testLogger(), retention: { outboxMs: 3_600_000 } });
    const deleted = await pruner.prune();
    expect(deleted.outbox_events).toBe(5003 + 1); // and the row published 2 days ago in the first test
    const [{ n }] = (await sql<{ n: string }>(
      `select count(*) as n from outbox_events where published_at is not null`,
    )) as [{ n: string }];
    expect(Number(n)).toBe(0);
  });
});
