import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { dropStaleTestStreams } from '../../src/testing/drop-stale-test-data.js';
import { deleteTestStreams, testNamespace, testNatsUrl } from '../../src/testing/index.js';
import { eventNamespace } from '../../src/index.js';

// Against the real NATS JetStream server: the streams runs leave behind are deleted, the others kept.
describe('test streams cleanup', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  /** A namespace made by `testNamespace` `ageMs` ago (the sweep reads its age from the name). */
  const namespaceAged = (ageMs: number) => {
    const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.now() - ageMs);
    try {
      return testNamespace('sweep');
    } finally {
      clock.mockRestore();
    }
  };
  const streamOf = (namespace: string) => eventNamespace(namespace).stream('ACCOUNTS');
  const create = (namespace: string) =>
    jsm.streams.add({ name: streamOf(namespace), subjects: [eventNamespace(namespace).streamSubjects('ACCOUNTS')] });
  const exists = (namespace: string) =>
    jsm.streams.info(streamOf(namespace)).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    nc = await connect({ servers: testNatsUrl() });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await nc.close();
  });

  it('sweeps the streams of namespaces older than an hour and keeps recent and foreign ones', async () => {
    const stale = namespaceAged(2 * 60 * 60 * 1000);
    const recent = namespaceAged(60 * 1000);
    const foreign = `PEERSEED_SWEEP_${randomBytes(3).toString('hex').toUpperCase()}`;
    await create(stale);
    await create(recent);
    await jsm.streams.add({ name: foreign, subjects: [`${foreign.toLowerCase()}.>`] });
    try {
      await dropStaleTestStreams();

      expect(await exists(stale)).toBe(false);
      expect(await exists(recent)).toBe(true);
      expect((await jsm.streams.info(foreign)).config.name).toBe(foreign);
    } finally {
      await deleteTestStreams(stale);
      await deleteTestStreams(recent);
      await jsm.streams.delete(foreign).catch(() => undefined);
    }
  });

  it("deletes a finished run's streams, and refuses the empty (production) namespace", async () => {
    const namespace = testNamespace('finished');
    await create(namespace);
    await deleteTestStreams(namespace);
    expect(await exists(namespace)).toBe(false);
    await expect(deleteTestStreams('')).rejects.toThrow('needs a namespace');
  });
});
