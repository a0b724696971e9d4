import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createEnvelope, defineHandler, EventConsumers, OutboxFastPath, OutboxWriter } from '../../src/index.js';
import { eventually, testLogger } from '../../src/testing/index.js';
import { useEventsBed } from '../support/events-bed.js';
import { deadLetters, Pinged, range } from '../support/events-fixture.js';

// A backlog handled in shared transactions (several deliveries per commit); real PostgreSQL and JetStream.
describe('consumer transactions shared by queued deliveries', () => {
  const logger = testLogger();
  const bed = useEventsBed('batches');
  const outbox = new OutboxWriter('/peerseed/test');
  const stops: (() => Promise<void>)[] = [];
  const sql = <T>(query: string, params: unknown[] = []) =>
    bed.database.orm.em.fork().getConnection().execute<T[]>(query, params);

  beforeAll(async () => {
    await sql(
      `create table "handled" ("seq" bigserial primary key, "label" text, "n" int, "subject" text, "tx" bigint)`,
    );
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  /** Records each effect with the transaction it committed in; fails for the events `fail` picks. */
  const recordingHandler = (label: string, fail: (n: number) => boolean = () => false) =>
    defineHandler({
      name: `${label}-pings`,
      contract: Pinged,
      async handle(event, { em }) {
        await em.execute(`insert into "handled" ("label", "n", "subject", "tx") values (?, ?, ?, txid_current())`, [
          label,
          event.data.n,
          event.subject,
        ]);
        if (fail(event.data.n)) throw new Error(`cannot handle ping ${event.data.n}`);
      },
    });
  const handled = (label: string) =>
    sql<{ n: number; subject: string; tx: string }>(
      `select "n", "subject", "tx" from "handled" where "label" = ? order by "seq"`,
      [label],
    );
  /** Publishes `ns` (each on aggregate `agg-<n % 10>`, in this order) before any consumer runs, so they queue up. */
  const backlog = async (ns: number[]) => {
    const fastPath = OutboxFastPath.start({ orm: bed.database.orm, transport: bed.transport, logger });
    for (let i = 0; i < ns.length; i += 20) {
      await bed.database.orm.em.fork().transactional(async (em) => {
        for (const n of ns.slice(i, i + 20)) await outbox.append(em, Pinged, `agg-${n % 10}`, { n });
      });
    }
    await fastPath.stop();
    const [pending] = await sql<{ n: string }>(
      `select count(*) as n from "outbox_events" where "published_at" is null`,
    );
    expect(Number(pending!.n)).toBe(0);
  };
  const consume = async (options: { label: string; fail?: (n: number) => boolean; maxDeliveries?: number }) => {
    const consumers = new EventConsumers({
      service: options.label,
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [recordingHandler(options.label, options.fail)],
      logger,
      concurrency: 3,
      batchSize: 16,
      backoffMs: 50,
      ...(options.maxDeliveries ? { maxDeliveries: options.maxDeliveries } : {}),
    });
    await consumers.start();
    stops.push(() => consumers.stop());
    return consumers;
  };

  it('handles a backlog several events per transaction, each aggregate in order, each effect once', async () => {
    const ns = range(1, 300);
    await backlog(ns);
    const consumers = await consume({ label: 'backlog' });
    await eventually(async () => (await consumers.lag())['backlog-backlog-pings'] === 0, 'backlog handled', 20_000);
    const rows = await handled('backlog');
    expect(rows.map((row) => row.n).sort((a, b) => a - b)).toEqual(ns);
    const transactions = new Set(rows.map((row) => row.tx)).size;
    expect(transactions).toBeLessThan(ns.length / 2); // shared commits
    for (let aggregate = 0; aggregate < 10; aggregate++) {
      const order = rows.filter((row) => row.subject === `agg-${aggregate}`).map((row) => row.n);
      expect(order).toEqual(ns.filter((n) => n % 10 === aggregate));
    }
  }, 30_000);

  it('rolls back a batch with a failing event and handles the others once, the failing one alone to the dead letters', async () => {
    const ns = range(1001, 1080);
    await backlog(ns);
    const consumers = await consume({ label: 'failing', fail: (n) => n === 1033, maxDeliveries: 2 });
    const letters = () => deadLetters(bed.database.orm, 'failing-failing-pings');
    await eventually(async () => (await letters()).length === 1, 'dead letter', 20_000);
    await eventually(async () => (await consumers.lag())['failing-failing-pings'] === 0, 'all acknowledged', 20_000);
    const [letter] = await letters();
    expect(letter!.deliveries).toBe(2);
    expect(JSON.parse(letter!.envelope).data).toEqual({ n: 1033 });
    // The failing event's rows were rolled back with it; every other event committed exactly once.
    const committed = (await handled('failing')).map((row) => row.n).filter((n) => n >= 1001);
    expect(committed.sort((a, b) => a - b)).toEqual(ns.filter((n) => n !== 1033));
    // The inbox holds every event once: those committed, and the dead-lettered one (done with until replayed).
    const inbox = await sql<{ n: string }>(
      `select count(*) as n from "inbox_events" where "consumer" = 'failing-failing-pings' and "event_id" <> ?`,
      [letter!.event_id],
    );
    expect(Number(inbox[0]!.n)).toBe(ns.length - 1 + 300); // and the first test's 300, which this consumer also received
    const recorded = await sql(
      `select 1 from "inbox_events" where "consumer" = 'failing-failing-pings' and "event_id" = ?`,
      [letter!.event_id],
    );
    expect(recorded).toHaveLength(1);
  }, 30_000);

  it('takes an event already recorded as done: its effect, even one that now fails, is rolled back and not retried', async () => {
    // The effect's row has a key of its own: applied a second time it would fail on it.
    await sql(`create table "once" ("n" int primary key)`);
    const outcomes: string[] = [];
    const once = defineHandler({
      name: 'once-pings',
      contract: Pinged,
      async handle(event, { em }) {
        await em.execute(`insert into "once" ("n") values (?)`, [event.data.n]);
      },
    });
    const consumers = new EventConsumers({
      service: 'again',
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [once],
      logger,
      onHandled: (_consumer, _event, outcome) => outcomes.push(outcome),
    });
    const envelope = createEnvelope(Pinged.type, 'agg-1', { n: 7 }, { source: '/peerseed/test' });
    const fresh = createEnvelope(Pinged.type, 'agg-1', { n: 8 }, { source: '/peerseed/test' });
    expect(await consumers.process(once, envelope)).toBe('applied');
    expect(await consumers.process(once, envelope)).toBe('duplicate');
    // Not recorded: a failing effect is the caller's failure (retried, then dead-lettered).
    await sql(`insert into "once" ("n") values (8)`);
    await expect(consumers.process(once, fresh)).rejects.toThrow(/duplicate key/);
    expect(outcomes).toEqual(['applied', 'duplicate']);
    const inbox = await sql<{ event_id: string }>(
      `select "event_id" from "inbox_events" where "consumer" = 'again-once-pings'`,
    );
    expect(inbox.map((row) => row.event_id)).toEqual([envelope.id]);
  });
});
