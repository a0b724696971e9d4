import { afterEach, describe, expect, it } from '@jest/globals';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import {
  EventConsumers,
  OutboxFastPath,
  OutboxRelay,
  OutboxWriter,
  parseEnvelope,
  type EventTransport,
} from '../../src/index.js';
import { eventually, testLogger } from '../../src/testing/index.js';
import { allHandled, countingHandler, effects, Pinged, range } from '../support/events-fixture.js';
import { useEventsBed } from '../support/events-bed.js';

// Publishing right after commit (the fast path), and the relay as its safety net; real PostgreSQL and JetStream.
describe('outbox fast path', () => {
  const logger = testLogger();
  const bed = useEventsBed('fastpath');
  const outbox = new OutboxWriter('/peerseed/test');
  const stops: (() => Promise<void>)[] = [];

  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  });

  const sql = <T>(query: string) => bed.database.orm.em.fork().getConnection().execute<T[]>(query);
  const pendingIds = async (ns: number[]) =>
    (
      await sql<{ n: number }>(
        `select (envelope::json->'data'->>'n')::int as n from outbox_events where published_at is null`,
      )
    )
      .map((row) => row.n)
      .filter((n) => ns.includes(n))
      .sort((a, b) => a - b);

  /** The transport, with every publish attempt recorded (event n, whether it got through). */
  const recording = (options: { fail?: boolean } = {}) => {
    const attempts: { n: number; ok: boolean }[] = [];
    const wrapped: EventTransport = {
      consume: bed.transport.consume.bind(bed.transport),
      close: async () => undefined,
      publish: async (stream, subject, id, data) => {
        const n = (parseEnvelope(data).data as { n: number }).n;
        if (options.fail) {
          attempts.push({ n, ok: false });
          throw new Error('broker unreachable');
        }
        const result = await bed.transport.publish(stream, subject, id, data);
        attempts.push({ n, ok: true });
        return result;
      },
    };
    return { attempts, transport: wrapped };
  };
  const startFastPath = (t: EventTransport) => {
    const fastPath = OutboxFastPath.start({ orm: bed.database.orm, transport: t, logger });
    stops.push(() => fastPath.stop());
    return fastPath;
  };
  const consume = async (label: string) => {
    const consumers = new EventConsumers({
      service: label,
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [countingHandler({ label })],
      logger,
    });
    await consumers.start();
    stops.push(() => consumers.stop());
  };
  const commit = (ns: number[]) =>
    bed.database.orm.em.fork().transactional(async (em) => {
      for (const n of ns) await outbox.append(em, Pinged, `fast-${n}`, { n });
    });

  it('publishes committed events at once, in the order written, and marks them sent without any relay', async () => {
    const { attempts, transport: t } = recording();
    const fastPath = startFastPath(t);
    await consume('fast');
    await commit(range(1, 5));
    await commit([6]);
    await commit([7]);
    await allHandled(bed.database.orm, range(1, 7), 'fast');
    await eventually(async () => (await pendingIds(range(1, 7))).length === 0, 'marks', 10_000);
    expect(attempts.filter((a) => a.n <= 7).map((a) => a.n)).toEqual(range(1, 7));
    for (const n of range(1, 7)) expect(await effects(bed.database.orm, `ping-${n}`, 'fast')).toBe(1);
    await fastPath.stop();
  });

  it('publishes nothing of a rolled-back transaction or savepoint, and leaves a savepoint’s events to the relay', async () => {
    const { attempts, transport: t } = recording();
    const fastPath = startFastPath(t);
    await expect(
      bed.database.orm.em.fork().transactional(async (em) => {
        await outbox.append(em, Pinged, 'fast-20', { n: 20 });
        throw new Error('use case failed');
      }),
    ).rejects.toThrow('use case failed');
    await bed.database.orm.em.fork().transactional(async (em) => {
      await outbox.append(em, Pinged, 'fast-21', { n: 21 });
      await (em as SqlEntityManager).transactional((nested) => outbox.append(nested, Pinged, 'fast-22', { n: 22 }));
      await (em as SqlEntityManager)
        .transactional(async (nested) => {
          await outbox.append(nested, Pinged, 'fast-23', { n: 23 });
          throw new Error('savepoint rolled back');
        })
        .catch(() => undefined);
    });
    await eventually(async () => (await pendingIds([21])).length === 0, 'fast path mark', 10_000);
    await fastPath.stop();
    expect(attempts.map((a) => a.n).filter((n) => n >= 20 && n <= 23)).toEqual([21]);
    expect(await pendingIds(range(20, 23))).toEqual([22]); // 20 and 23 never existed; 22 waits for the relay

    const relay = new OutboxRelay({
      orm: bed.database.orm,
      transport: bed.transport,
      logger,
      fastPath: true,
      graceMs: 50,
      idlePollMs: 50,
    });
    relay.start();
    stops.push(() => relay.stop());
    await eventually(async () => (await pendingIds([22])).length === 0, 'relay took the savepoint’s event', 10_000);
  });

  it('leaves an event whose fast publish failed to the relay, which publishes it', async () => {
    const failing = recording({ fail: true });
    const fastPath = startFastPath(failing.transport);
    await consume('fallback');
    await commit(range(30, 34));
    await eventually(async () => failing.attempts.filter((a) => a.n >= 30).length === 5, 'fast attempts', 5_000);
    await fastPath.stop();
    expect(await pendingIds(range(30, 34))).toEqual(range(30, 34));
    expect(await effects(bed.database.orm, 'ping-30', 'fallback')).toBe(0);

    const relay = new OutboxRelay({
      orm: bed.database.orm,
      transport: bed.transport,
      logger,
      fastPath: true,
      graceMs: 100,
      idlePollMs: 50,
    });
    relay.start();
    stops.push(() => relay.stop());
    await allHandled(bed.database.orm, range(30, 34), 'fallback');
    expect(await pendingIds(range(30, 34))).toEqual([]);
    for (const n of range(30, 34)) expect(await effects(bed.database.orm, `ping-${n}`, 'fallback')).toBe(1);
  });

  it('loses no event and stores each once when the fast path and a relay race over the same rows', async () => {
    const fast = recording();
    const relayed = recording();
    const fastPath = startFastPath(fast.transport);
    // No grace and woken after every commit: the relay claims rows the fast path is publishing.
    const relay = new OutboxRelay({ orm: bed.database.orm, transport: relayed.transport, logger, batchSize: 7 });
    relay.start();
    stops.push(() => relay.stop());
    const stored = new Map<number, number>();
    const raw = await bed.transport.consume(
      { durable: 'race-raw', stream: 'ACCOUNTS', subject: Pinged.subject, ackWaitMs: 10_000, concurrency: 16 },
      async (delivery) => {
        const n = (parseEnvelope(delivery.data).data as { n: number }).n;
        if (delivery.deliveryCount === 1) stored.set(n, (stored.get(n) ?? 0) + 1);
        await delivery.ack();
      },
    );
    stops.push(() => raw.stop());
    await consume('race');
    const ns = range(1000, 1299);
    // 12 concurrent producers, one to three events per transaction.
    let next = 0;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        while (next < ns.length) {
          const batch = ns.slice(next, next + 1 + (next % 3));
          next += batch.length;
          await commit(batch);
          relay.wake();
        }
      }),
    );
    await allHandled(bed.database.orm, ns, 'race', 30_000);
    await eventually(async () => (await pendingIds(ns)).length === 0, 'every row marked');
    await eventually(async () => ns.every((n) => stored.has(n)), 'every event stored', 10_000);
    await fastPath.stop();
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive by now
    const published = (n: number, who: typeof fast) => who.attempts.filter((a) => a.ok && a.n === n).length;
    expect(ns.filter((n) => published(n, fast) + published(n, relayed) === 0)).toEqual([]);
    expect(ns.filter((n) => stored.get(n) !== 1)).toEqual([]); // JetStream kept one copy of each
    expect(relayed.attempts.filter((a) => a.ok && a.n >= 1000).length).toBeGreaterThan(0); // it did race
    // (this consumer also handled the earlier tests' pings: only 1000–1299 are counted)
    const effectCounts = await sql<{ name: string; value: number }>(
      `select name, value from counters where name like 'race:%'`,
    );
    const raceEffects = effectCounts.filter((row) => Number(row.name.split('-')[1]) >= 1000);
    expect(raceEffects.map((row) => row.value)).toEqual(ns.map(() => 1));
  }, 60_000);
});
