import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  EventConsumers,
  OutboxRelay,
  OutboxWriter,
  type Delivery,
  type EventTransport,
} from '../../src/index.js';
import { eventually, testLogger } from '../../src/testing/index.js';
import {
  allHandled,
  commitPings,
  countingHandler,
  deadLetters,
  effects,
  Pinged,
  range,
} from '../support/events-fixture.js';
import { useEventsBed } from '../support/events-bed.js';

// Real PostgreSQL and the real NATS JetStream server, in a namespace of this file's own.
describe('event backbone against PostgreSQL and JetStream', () => {
  const logger = testLogger();
  const bed = useEventsBed('backbone');
  const outbox = new OutboxWriter('/peerseed/test');

  const pending = async () =>
    Number(
      (
        await bed.database.orm.em
          .fork()
          .getConnection()
          .execute<{ n: string }[]>(`select count(*) as n from outbox_events where published_at is null`)
      )[0]!.n,
    );

  it('stores a publish repeated with the same event id once', async () => {
    const id = randomUUID();
    const bytes = Buffer.from(JSON.stringify(createEnvelope(Pinged.type, 'x', { n: 1 }, { source: 'test', id })));
    const first = await bed.transport.publish('ACCOUNTS', 'accounts.test.dedup', id, bytes);
    const second = await bed.transport.publish('ACCOUNTS', 'accounts.test.dedup', id, bytes);
    expect([first.duplicate, second.duplicate]).toEqual([false, true]);
    const seen: number[] = [];
    const consumer = await bed.transport.consume(
      { durable: 'dedup-check', stream: 'ACCOUNTS', subject: 'accounts.test.dedup', ackWaitMs: 5_000 },
      async (d) => {
        seen.push(d.streamSequence);
        await d.ack();
      },
    );
    await eventually(async () => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await consumer.stop();
    expect(seen).toHaveLength(1);
  });

  it('publishes, after a restart, what was committed while no relay ran (crash between commit and publish)', async () => {
    await commitPings(bed.database.orm, outbox, 100, 5); // committed, never published: the process "died"
    expect(await pending()).toBe(5);
    const relay = new OutboxRelay({ orm: bed.database.orm, transport: bed.transport, logger });
    const consumers = new EventConsumers({
      service: 'restart',
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [countingHandler({ label: 'restart' })],
      logger,
    });
    relay.start(); // the restarted service
    await consumers.start();
    try {
      await eventually(async () => (await pending()) === 0, 'outbox drained', 10_000);
      await allHandled(bed.database.orm, range(100, 104), 'restart');
      for (let n = 100; n < 105; n++) expect(await effects(bed.database.orm, `ping-${n}`, 'restart')).toBe(1);
    } finally {
      await consumers.stop();
      await relay.stop();
    }
  });

  it('has no second effect when a consumer dies after its commit but before its ack', async () => {
    // The first delivery's ack is lost (the process died right after committing); JetStream redelivers.
    // (This durable consumer also receives the earlier tests' pings: only 200–202 are counted.)
    let dropped = 0;
    const lossyTransport: EventTransport = {
      publish: (...args) => bed.transport.publish(...args),
      close: async () => undefined,
      consume: (spec, handle) =>
        bed.transport.consume({ ...spec, ackWaitMs: 1_000 }, (delivery: Delivery) =>
          handle({ ...delivery, ack: async () => (delivery.deliveryCount === 1 ? void dropped++ : delivery.ack()) }),
        ),
    };
    const relay = new OutboxRelay({ orm: bed.database.orm, transport: bed.transport, logger });
    const consumers = new EventConsumers({
      service: 'lost-ack',
      orm: bed.database.orm,
      transport: lossyTransport,
      handlers: [countingHandler({ label: 'lostack' })],
      logger,
    });
    relay.start();
    await consumers.start();
    try {
      await commitPings(bed.database.orm, outbox, 200, 3);
      relay.wake();
      await eventually(async () => dropped >= 3, 'first deliveries', 10_000);
      // Redelivered after the ack wait, recognised by the inbox and acknowledged without effect.
      await eventually(async () => (await consumers.lag())['lost-ack-lostack-pings'] === 0, 'redeliveries acked');
      for (let n = 200; n < 203; n++) expect(await effects(bed.database.orm, `ping-${n}`, 'lostack')).toBe(1);
      expect(dropped).toBeGreaterThanOrEqual(3); // every first delivery lost its ack, yet one effect each
    } finally {
      await consumers.stop();
      await relay.stop();
    }
  });

  it('dead-letters a poison event after the configured deliveries without blocking the events behind it', async () => {
    const relay = new OutboxRelay({ orm: bed.database.orm, transport: bed.transport, logger });
    let broken = true;
    const consumers = new EventConsumers({
      service: 'poison',
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [countingHandler({ fail: (n) => broken && n === 301, label: 'poison' })],
      logger,
      maxDeliveries: 3,
      backoffMs: 100,
    });
    relay.start();
    await consumers.start();
    try {
      await commitPings(bed.database.orm, outbox, 300, 4); // 301 is poison
      relay.wake();
      // The events behind the poison one are handled while it is still being retried.
      await allHandled(bed.database.orm, [300, 302, 303], 'poison');
      const letters = () => deadLetters(bed.database.orm, 'poison-poison-pings');
      await eventually(async () => (await letters()).length === 1, 'dead letter');
      const [letter] = await letters();
      expect(letter!.deliveries).toBe(3);
      expect(letter!.error).toMatch(/cannot handle ping 301/);
      expect(JSON.parse(letter!.envelope).data).toEqual({ n: 301 });
      expect(await effects(bed.database.orm, 'ping-301', 'poison')).toBe(0);
      for (const n of [300, 302, 303]) expect(await effects(bed.database.orm, `ping-${n}`, 'poison')).toBe(1);

      // The operator fixes the cause and replays it: handled once, and only once.
      broken = false;
      const id = letter!.id;
      await expect(consumers.replay(id)).resolves.toBe('applied');
      expect(await effects(bed.database.orm, 'ping-301', 'poison')).toBe(1);
      await expect(consumers.replay(id)).rejects.toThrow(/already replayed/);
    } finally {
      await consumers.stop();
      await relay.stop();
    }
  });

  it('retries an event that came too early for longer than a failing one, then dead-letters it', async () => {
    const relay = new OutboxRelay({ orm: bed.database.orm, transport: bed.transport, logger });
    const tries = new Map<number, number>();
    const consumers = new EventConsumers({
      service: 'early',
      orm: bed.database.orm,
      transport: bed.transport,
      handlers: [
        countingHandler({
          label: 'early',
          // 401 is early for three deliveries (then its dependency "arrives"); 402 stays early.
          early: (n) => {
            tries.set(n, (tries.get(n) ?? 0) + 1);
            return n === 402 || (n === 401 && tries.get(n)! <= 3);
          },
        }),
      ],
      logger,
      maxDeliveries: 2,
      maxEarlyDeliveries: 5,
      backoffMs: 50,
    });
    const letters = () => deadLetters(bed.database.orm, 'early-early-pings');
    relay.start();
    await consumers.start();
    try {
      await commitPings(bed.database.orm, outbox, 400, 3);
      relay.wake();
      await eventually(async () => (await letters()).length === 1, 'dead letter');
      // Past maxDeliveries (2), 401 was still retried and then applied once; 402 went on to 5 deliveries.
      expect(await effects(bed.database.orm, 'ping-401', 'early')).toBe(1);
      expect(tries.get(401)).toBe(4);
      expect(await effects(bed.database.orm, 'ping-400', 'early')).toBe(1);
      const [letter] = await letters();
      expect(letter!.deliveries).toBe(5);
      expect(letter!.error).toMatch(/ping 402 came too early/);
      expect(await effects(bed.database.orm, 'ping-402', 'early')).toBe(0);
    } finally {
      await consumers.stop();
      await relay.stop();
    }
  });

  it('lets two relays over one outbox publish each event exactly once', async () => {
    const published = new Map<string, number>();
    const counting: EventTransport = {
      ...bed.transport,
      consume: bed.transport.consume.bind(bed.transport),
      close: async () => undefined,
      publish: async (stream, subject, id, data) => {
        published.set(id, (published.get(id) ?? 0) + 1);
        return bed.transport.publish(stream, subject, id, data);
      },
    };
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      // 300 events in 10 transactions of 30
      await bed.database.orm.em.fork().transactional(async (em) => {
        for (let j = 0; j < 30; j++)
          ids.push(await outbox.append(em, Pinged, `bulk-${i}-${j}`, { n: 1000 + i * 30 + j }));
      });
    }
    const relays = [1, 2].map(
      () => new OutboxRelay({ orm: bed.database.orm, transport: counting, logger, batchSize: 25 }),
    );
    relays.forEach((r) => r.start());
    try {
      await eventually(async () => (await pending()) === 0, 'outbox drained by two relays');
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
    expect(ids.every((id) => published.get(id) === 1)).toBe(true);
  });
});
