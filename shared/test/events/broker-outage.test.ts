import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EventConsumers, JetStreamTransport, OutboxRelay, OutboxWriter, startEventBackbone } from '../../src/index.js';
import { startPrivateNatsServer, testLogger, type PrivateNatsServer } from '../../src/testing/index.js';
import {
  allHandled,
  commitPings,
  countingHandler,
  effects,
  openEventsDatabase,
  range,
} from '../support/events-fixture.js';

describe('NATS down while users act', () => {
  const logger = testLogger();
  let nats: PrivateNatsServer;
  let database: Awaited<ReturnType<typeof openEventsDatabase>>;
  beforeAll(async () => {
    nats = await startPrivateNatsServer();
    database = await openEventsDatabase('outage');
  });
  afterAll(async () => {
    await database.close();
    await nats.destroy();
  });

  it('keeps committing while the broker is down, and every event flows once it is back', async () => {
    const transport = await JetStreamTransport.connect({ url: nats.url, logger });
    const relay = new OutboxRelay({ orm: database.orm, transport, logger });
    const consumers = new EventConsumers({
      service: 'outage',
      orm: database.orm,
      transport,
      handlers: [countingHandler()],
      logger,
    });
    relay.start();
    await consumers.start();
    const outbox = new OutboxWriter('/peerseed/test');
    try {
      await commitPings(database.orm, outbox, 1, 3);
      await allHandled(database.orm, range(1, 3));

      await nats.stop();
      // Users keep acting: their transactions (state change + outbox) commit without the broker.
      await commitPings(database.orm, outbox, 4, 20);
      relay.wake();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await effects(database.orm, 'ping-4')).toBe(0);

      await nats.start(); // same store: the streams and the durable consumer survive
      await allHandled(database.orm, range(1, 23), 'count', 30_000);
      for (let n = 1; n <= 23; n++) expect(await effects(database.orm, `ping-${n}`)).toBe(1);
    } finally {
      await consumers.stop();
      await relay.stop();
      await transport.close().catch(() => undefined);
    }
  }, 60_000);

  it('with the fast path on: commits while the broker is down, and every event flows once it is back', async () => {
    const events = await startEventBackbone({
      service: 'outage-fast',
      orm: database.orm,
      logger,
      natsUrl: nats.url,
      handlers: [countingHandler({ label: 'fast' })],
    });
    const outbox = new OutboxWriter('/peerseed/test');
    try {
      await commitPings(database.orm, outbox, 101, 3); // published right after each commit
      await allHandled(database.orm, range(101, 103), 'fast');

      await nats.stop();
      await commitPings(database.orm, outbox, 104, 20); // each commit returns without waiting for the broker
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await effects(database.orm, 'ping-104', 'fast')).toBe(0);

      await nats.start();
      await allHandled(database.orm, range(101, 123), 'fast', 30_000);
      for (let n = 101; n <= 123; n++) expect(await effects(database.orm, `ping-${n}`, 'fast')).toBe(1);
    } finally {
      await events.close().catch(() => undefined);
    }
  }, 60_000);
});
