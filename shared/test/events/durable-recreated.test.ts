import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventConsumers, eventNamespace, JetStreamTransport, OutboxRelay, OutboxWriter } from '../../src/index.js';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '../../src/testing/index.js';
import { allHandled, commitPings, countingHandler, effects, openEventsDatabase } from '../support/events-fixture.js';

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

  it('is re-created, and the events published meanwhile are handled, each once', async () => {
    const outbox = new OutboxWriter('/peerseed/test');
    const relay = new OutboxRelay({ orm: database.orm, transport, logger });
    const handler = countingHandler({ label: 'gone' });
    const consumers = new EventConsumers({
      service: 'gone',
      orm: database.orm,
      transport,
      handlers: [handler],
      logger,
    });
    relay.start();
    await consumers.start();
    const nc = await connect({ servers: testNatsUrl() });
    try {
      await commitPings(database.orm, outbox, 1, 2);
      relay.wake();
      await allHandled(database.orm, [1, 2], 'gone');

      const jsm = await jetstreamManager(nc);
      const stream = eventNamespace(namespace).stream('ACCOUNTS');
      await jsm.consumers.delete(stream, consumers.durableName(handler));
      await commitPings(database.orm, outbox, 3, 2);
      relay.wake();

      await allHandled(database.orm, [3, 4], 'gone');
      // The new durable started from the stream's first event: the inbox took 1 and 2 as duplicates.
      for (const n of [1, 2, 3, 4]) expect(await effects(database.orm, `ping-${n}`, 'gone')).toBe(1);
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
