import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { JetStreamPublisher } from '../../src/events/transport/jetstream-publisher.js';
import { testNamespace, testNatsUrl } from '../../src/testing/index.js';

// Against the real NATS JetStream server, in a stream of this file's own.
describe('JetStreamPublisher', () => {
  const stream = testNamespace('publisher');
  const subject = `${stream}.events`;
  let nc: NatsConnection;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${stream}.>`], duplicate_window: 60_000_000_000 });
    publisher = new JetStreamPublisher(nc, 2_000);
  });

  afterAll(async () => {
    publisher.close();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream);
    await nc.close();
  });

  const stored = async () => (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;

  it('stores a message once the stream acknowledges it, and a repeated id once', async () => {
    const id = randomUUID();
    const before = await stored();
    await expect(publisher.publish(subject, Buffer.from('a'), id, stream)).resolves.toEqual({ duplicate: false });
    await expect(publisher.publish(subject, Buffer.from('a'), id, stream)).resolves.toEqual({ duplicate: true });
    expect(await stored()).toBe(before + 1);
  });

  it('matches each of many concurrent publishes with its own ack', async () => {
    const before = await stored();
    // Odd: a fresh id; even: one of five ids, each sent fifty times; every 50th to a wrong stream.
    const wrong = (i: number) => i % 50 === 49;
    const results = await Promise.allSettled(
      Array.from({ length: 500 }, (_, i) =>
        publisher.publish(
          subject,
          Buffer.from(String(i)),
          i % 2 ? randomUUID() : `same-${i % 10}`,
          wrong(i) ? 'ANOTHER' : stream,
        ),
      ),
    );
    results.forEach((result, i) => {
      if (wrong(i)) return expect(result.status).toBe('rejected');
      // Sent in order on one connection: the first of each repeated id (index 0, 2, 4, 6, 8) is the one stored.
      const duplicate = i % 2 === 0 && i >= 10;
      expect(result).toEqual({ status: 'fulfilled', value: { duplicate } });
    });
    expect(await stored()).toBe(before + 250 - 10 + 5);
  });

  it('refuses a publish to the wrong stream, and one no stream listens to', async () => {
    await expect(publisher.publish(subject, Buffer.from('x'), randomUUID(), 'ANOTHER')).rejects.toThrow(
      /JetStream refused the event/,
    );
    await expect(publisher.publish(`nobody-${stream}.x`, Buffer.from('x'), randomUUID(), stream)).rejects.toThrow(
      /status 503/,
    );
  });

  it('fails a publish the server never acknowledges, after its deadline', async () => {
    // A plain subscriber (not a stream) takes the message and never answers.
    const silent = nc.subscribe(`silent-${stream}`);
    const quick = new JetStreamPublisher(nc, 200);
    try {
      await expect(quick.publish(`silent-${stream}`, Buffer.from('x'), randomUUID(), stream)).rejects.toThrow(
        /did not acknowledge the publish within 200 ms/,
      );
    } finally {
      quick.close();
      silent.unsubscribe();
    }
  });
});
