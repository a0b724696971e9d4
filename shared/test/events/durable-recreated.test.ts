import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventConsumers, eventNamespace, JetStreamTransport, OutboxRelay, OutboxWriter } from '../../src/index.js';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '../../src/testing/index.js';
import {
  allHandled,
  commitPings,
  countingHandler,
  effects,
  eventually,
  openEventsDatabase,
} from '../support/events-fixture.js';

// Real PostgreSQL and JetStream; short pulls (1 s heartbeats) so the client notices a missing durable in seconds.
describe('a durable consumer deleted on the server', () => {
  const logger = testLogger();
  const namespace = testNamespace('gone');
  let database: Awaited<ReturnType<typeof openEventsDatabase>>;
  let transport: JetStreamTransport;
  beforeAll(async () => {
    database = await openEventsDatabase('gone');
    transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace, pullExpiresMs: 2_000 });
  });
  afterAll(async () => {
    await transport.close();
    await database.close();
    await deleteTestStreams(namespace);
  });

  it('is re-created: the events published meanwhile are handled, each once, and a dead letter stays one', async () => {
    const outbox = new OutboxWriter('/peerseed/test');
    const relay = new OutboxRelay({ orm: database.orm, transport, logger });
    const handler = countingHandler({ label: 'gone', fail: (n) => n === 2 }); // 2 is poison: dead-lettered at once
    const duplicates = new Set<number>();
    const consumers = new EventConsumers({
      service: 'gone',
      orm: database.orm,
      transport,
      handlers: [handler],
      logger,
      maxDeliveries: 1,
      onHandled: (_consumer, event, outcome) => {
        if (outcome === 'duplicate') duplicates.add((event.data as { n: number }).n);
      },
    });
    const letters = async () =>
      Number(
        (
          await database.orm.em
            .fork()
            .getConnection()
            .execute<{ n: string }[]>(`select count(*) as n from dead_letters where consumer = 'gone-gone-pings'`)
        )[0]!.n,
      );
    relay.start();
    await consumers.start();
    const nc = await connect({ servers: testNatsUrl() });
    try {
      await commitPings(database.orm, outbox, 1, 2);
      relay.wake();
      await allHandled(database.orm, [1], 'gone');
      await eventually(async () => (await letters()) === 1, 15_000, 'the poison event dead-lettered');

      const jsm = await jetstreamManager(nc);
      const stream = eventNamespace(namespace).stream('ACCOUNTS');
      await jsm.consumers.delete(stream, consumers.durableName(handler));
      await commitPings(database.orm, outbox, 3, 2);
      relay.wake();

      await allHandled(database.orm, [3, 4], 'gone');
      // The new durable started from the stream's first event: the inbox took 1 as a duplicate,
      // and 2 stayed in the dead letters (neither handled again nor dead-lettered twice).
      await eventually(async () => duplicates.has(1) && duplicates.has(2), 15_000, 'the replayed events');
      for (const n of [1, 3, 4]) expect(await effects(database.orm, `ping-${n}`, 'gone')).toBe(1);
      expect(await effects(database.orm, 'ping-2', 'gone')).toBe(0);
      expect(await letters()).toBe(1);
      expect((await jsm.consumers.info(stream, consumers.durableName(handler))).config.durable_name).toBe(
        consumers.durableName(handler),
      );
    } finally {
      await nc.close();
      await consumers.stop();
      await relay.stop();
    }
  });
});
