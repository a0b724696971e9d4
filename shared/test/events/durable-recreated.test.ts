import { describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { EventConsumers, eventNamespace, OutboxRelay, OutboxWriter } from '../../src/index.js';
import { eventually, testLogger, testNatsUrl } from '../../src/testing/index.js';
import { useEventsBed } from '../support/events-bed.js';
import { allHandled, commitPings, countingHandler, deadLetters, effects } from '../support/events-fixture.js';

// Real PostgreSQL and JetStream; short pulls (1 s heartbeats) so the client notices a missing durable in seconds.
describe('a durable consumer deleted on the server', () => {
  const logger = testLogger();
  const bed = useEventsBed('gone', { pullExpiresMs: 2_000 });

  it('is re-created: the events published meanwhile are handled, each once, and a dead letter stays one', async () => {
    const { orm } = bed.database;
    const outbox = new OutboxWriter('/peerseed/test');
    const relay = new OutboxRelay({ orm, transport: bed.transport, logger });
    let broken = true;
    const handler = countingHandler({ label: 'gone', fail: (n) => broken && n === 2 }); // 2 is poison: dead-lettered at once
    const duplicates = new Set<number>();
    const consumers = new EventConsumers({
      service: 'gone',
      orm,
      transport: bed.transport,
      handlers: [handler],
      logger,
      maxDeliveries: 1,
      onHandled: (_consumer, event, outcome) => {
        if (outcome === 'duplicate') duplicates.add((event.data as { n: number }).n);
      },
    });
    const durable = consumers.durableName(handler);
    const letters = () => deadLetters(orm, durable);
    relay.start();
    await consumers.start();
    const nc = await connect({ servers: testNatsUrl() });
    try {
      await commitPings(orm, outbox, 1, 2);
      relay.wake();
      await allHandled(orm, [1], 'gone');
      await eventually(async () => (await letters()).length === 1, 'the poison event dead-lettered');

      const jsm = await jetstreamManager(nc);
      const stream = eventNamespace(bed.namespace).stream('ACCOUNTS');
      // Deleted once its acks are in and written: a delete racing the server's write of the durable's
      // state fails ("directory not empty") or leaves that state behind for the new durable.
      await eventually(async () => (await consumers.lag())[durable] === 0, 'every delivery acknowledged');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // Debian's nats-server (2.9) can fail a delete that races its own write of the durable's
      // state ("directory not empty"), with the durable still there: the operator tries again.
      await eventually(
        () =>
          jsm.consumers.delete(stream, durable).catch((error: unknown) => {
            if (String(error).includes('directory not empty')) return false;
            throw error;
          }),
        'the durable deleted',
      );
      await commitPings(orm, outbox, 3, 2);
      relay.wake();

      await allHandled(orm, [3, 4], 'gone');
      // The new durable started from the stream's first event: the inbox took 1 as a duplicate,
      // and 2 stayed in the dead letters (neither handled again nor dead-lettered twice).
      await eventually(async () => duplicates.has(1) && duplicates.has(2), 'the replayed events');
      for (const n of [1, 3, 4]) expect(await effects(orm, `ping-${n}`, 'gone')).toBe(1);
      expect(await effects(orm, 'ping-2', 'gone')).toBe(0);
      expect(await letters()).toHaveLength(1);
      expect((await jsm.consumers.info(stream, durable)).config.durable_name).toBe(durable);

      // Still replayable once the pruner took its inbox row (kept 14 days; dead letters longer).
      const [letter] = await letters();
      await orm.em
        .fork()
        .getConnection()
        .execute(`delete from "inbox_events" where "consumer" = ? and "event_id" = ?`, [durable, letter!.event_id]);
      broken = false;
      await expect(consumers.replay(letter!.id)).resolves.toBe('applied');
      expect(await effects(orm, 'ping-2', 'gone')).toBe(1);
    } finally {
      await nc.close();
      await consumers.stop();
      await relay.stop();
    }
  });
});
