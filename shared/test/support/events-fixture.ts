import { Migration } from '@mikro-orm/migrations';
import { z } from 'zod';
import {
  DEFERRED,
  defineEvent,
  defineHandler,
  EventArrivedEarlyError,
  eventEntities,
  EventTablesMigration,
  openDatabase,
  type Orm,
  type OutboxWriter,
} from '../../src/index.js';
import { createTestDatabase, eventually, testLogger, type TestDatabase } from '../../src/testing/index.js';

/** A test event on the ACCOUNTS stream (each test file uses its own namespace). */
export const Pinged = defineEvent('ACCOUNTS', 'accounts.test.pinged', 1, z.object({ n: z.number().int() }));

class CountersMigration extends Migration {
  override up(): void {
    this.addSql(`create table "counters" ("name" varchar(40) primary key, "value" int not null)`);
  }
}

/** A database with the event tables and a `counters` table that handlers increment (their "effect"). */
export async function openEventsDatabase(
  label: string,
): Promise<{ orm: Orm; db: TestDatabase; close: () => Promise<void> }> {
  const db = createTestDatabase(label);
  const orm = await openDatabase({
    service: 'events',
    databaseUrl: db.serverUrl,
    dbName: db.dbName,
    dataDir: '',
    entities: eventEntities,
    migrations: [
      { name: 'EventTables', class: EventTablesMigration },
      { name: 'Counters', class: CountersMigration },
    ],
    logger: testLogger(),
  });
  return {
    orm,
    db,
    close: async () => {
      await orm.close();
      await db.drop();
    },
  };
}

/** How many times the effect of the event named `name` was applied (by the handlers labelled `label`). */
export async function effects(orm: Orm, name: string, label = 'count'): Promise<number> {
  name = `${label}:${name}`;
  const rows = await orm.em
    .fork()
    .getConnection()
    .execute<{ value: number }[]>(`select "value" from "counters" where "name" = ?`, [name]);
  return rows[0]?.value ?? 0;
}

/** The dead letters of `consumer` (a durable name), oldest first. */
export function deadLetters(
  orm: Orm,
  consumer: string,
): Promise<{ id: string; event_id: string | null; deliveries: number; error: string; envelope: string }[]> {
  return orm.em
    .fork()
    .getConnection()
    .execute(
      `select "id", "event_id", "deliveries", "error", "envelope" from "dead_letters" where "consumer" = ? order by "created_at"`,
      [consumer],
    );
}

/**
 * A handler whose effect is counting the event (so a second effect shows as 2). `deferred`:
 * the upsert is written as a handler writes a statement whose result it does not read —
 * it rides with the inbox row and the COMMIT (one round trip for the whole transaction).
 */
export const countingHandler = (
  options: { fail?: (n: number) => boolean; early?: (n: number) => boolean; label?: string; deferred?: boolean } = {},
) =>
  defineHandler({
    name: `${options.label ?? 'count'}-pings`,
    contract: Pinged,
    async handle(event, { em }) {
      if (options.fail?.(event.data.n)) throw new Error(`cannot handle ping ${event.data.n}`);
      if (options.early?.(event.data.n)) throw new EventArrivedEarlyError(`ping ${event.data.n} came too early`);
      await em.execute(
        `${options.deferred ? DEFERRED : ''} insert into "counters" ("name", "value") values (?, 1) on conflict ("name") do update set "value" = "counters"."value" + 1`,
        [`${options.label ?? 'count'}:ping-${event.data.n}`],
      );
    },
  });

/** Commits `count` pings to the outbox in one transaction each. */
export async function commitPings(orm: Orm, outbox: OutboxWriter, from: number, count: number): Promise<void> {
  for (let n = from; n < from + count; n++) {
    await orm.em.fork().transactional((em) => outbox.append(em, Pinged, `ping-${n}`, { n }));
  }
}

/** Waits until each of the events `ns` had its effect at least once (handling order is not delivery order). */
export const allHandled = (orm: Orm, ns: number[], label = 'count', timeoutMs?: number) =>
  eventually(
    async () => (await Promise.all(ns.map((n) => effects(orm, `ping-${n}`, label)))).every((count) => count >= 1),
    `effects of pings ${ns[0]}…${ns.at(-1)}`,
    timeoutMs,
  );

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
