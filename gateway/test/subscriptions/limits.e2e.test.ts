import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats, type NatsConnection } from '@nats-io/transport-node';
import { eventNamespace, WalletEvents } from '@peerseed/shared';
import WebSocket from 'ws';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { tamperedToken } from '../support/tokens.js';
import { activeCpr } from './funded-cpr.js';
import { rawSubscriber } from './raw-subscriber.js';
import { startReplica } from './replicas.js';
import { bearer, collect, connectionPool, waitFor } from './ws-client.js';

const LIVE =
  'subscription ($cprId: ID, $after: String) { paymentUpdates(cprId: $cprId, after: $after) { cursor type } }';
/** ~45 KB a result: a few dozen of them fill what the kernel buffers for a socket nobody reads. */
const BULKY = `subscription ($cprId: ID) { paymentUpdates(cprId: $cprId) { cursor type payment { ${Array.from(
  { length: 1000 },
  (_, i) => `a${i}: id`,
).join(' ')} } } }`;
const COPIES = 300;

/** Limits of ws://…/graphql (issue 6): per connection, per user, a slow subscriber; health after bad input. */
describe('Subscription limits', () => {
  let stack: TestStack;
  let url: string;
  let flow: Awaited<ReturnType<typeof activeCpr>>;
  let nc: NatsConnection;
  const pool = connectionPool();
  const open = (params: Record<string, unknown>) => pool.open(url, params);
  const limited = async (reason: string) => {
    const text = await (await fetch(new URL('/metrics', url))).text();
    const line = text.split('\n').find((l) => l.includes(`reason="${reason}"`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };
  /** /healthz answers and a new connection gets a working subscription. */
  const healthy = async () => {
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    const probe = open(bearer(flow.admin.token));
    await probe.acknowledged;
    const subscription = collect(probe.client, LIVE, {});
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(subscription.errors).toEqual([]);
    expect(subscription.results).toEqual([]);
    await probe.client.dispose();
  };

  beforeAll(async () => {
    stack = await startTestStack({
      SUBSCRIPTIONS_MAX_PER_CONNECTION: '2',
      SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: '2',
      SUBSCRIPTIONS_MAX_PENDING_RESULTS: '4',
      // Room for BULKY, over WebSocket and through the supergraph.
      MAX_ALIASES: '2000',
      MAX_TOKENS: '20000',
      MAX_DOCUMENT_BYTES: '100000',
      MAX_BODY_BYTES: '300000',
    });
    url = stack.gateway.url;
    flow = await activeCpr(url);
    nc = await connectNats({ servers: stack.events.NATS_URL });
  }, 120_000);
  afterAll(async () => {
    await pool.closeAll();
    await nc?.close();
    await stack.stop();
  });

  it('refuses a subscription beyond SUBSCRIPTIONS_MAX_PER_CONNECTION with TOO_MANY_SUBSCRIPTIONS, until one completes', async () => {
    const { client } = open(bearer(flow.investor.token));
    const first = collect(client, LIVE, {});
    collect(client, LIVE, {});
    const third = collect(client, LIVE, {});
    await waitFor(() => third.errors.length > 0, 10_000, 'the third refused');
    expect(third.errors).toEqual([
      [expect.objectContaining({ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: 2 } })],
    ]);
    expect(await limited('too_many_subscriptions')).toBe(1);
    first.stop();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const again = collect(client, LIVE, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.errors).toEqual([]);
    await healthy();
  });

  it('closes a connection beyond SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER with 4430; room again once one closes', async () => {
    const kept = [open(bearer(flow.producer.token)), open(bearer(flow.producer.token))];
    await Promise.all(kept.map((c) => c.acknowledged));
    expect(await open(bearer(flow.producer.token)).closed).toEqual({
      code: 4430,
      reason: 'Too many connections for this user',
    });
    expect(await limited('too_many_connections')).toBe(1);
    await kept[0]!.client.dispose();
    await kept[0]!.closed;
    await open(bearer(flow.producer.token)).acknowledged; // a free slot again
    await healthy(); // another user is not affected
  });

  it('stops a subscriber that stopped reading with SLOW_CONSUMER and the cursor of the last event it got; resuming from it loses and repeats nothing', async () => {
    const paymentId = await flow.pay(1);
    const jsm = await jetstreamManager(nc);
    const ns = eventNamespace(stack.events.EVENTS_NAMESPACE);
    const subject = ns.subject(WalletEvents.PaymentConfirmed.subject);
    // The confirmation and the credit of the distribution are both stored before the subscriber comes.
    let confirmed = null;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      confirmed = await jsm.streams.getMessage(ns.stream('WALLET'), { last_by_subj: subject });
      const credited = await jsm.streams
        .getMessage(ns.stream('WALLET'), { last_by_subj: ns.subject(WalletEvents.DistributionCredited.subject) })
        .catch(() => null);
      if (confirmed && credited) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(confirmed?.json<{ data: { paymentId: string } }>().data.paymentId).toBe(paymentId);

    const slow = await rawSubscriber(url, flow.investor.token, BULKY, { cprId: flow.cprId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.socket.pause();
    // The same confirmation again and again (consumers' inboxes ignore repeats of an event id).
    const js = jetstream(nc);
    for (let i = 0; i < COPIES; i++) await js.publish(subject, confirmed!.data, { msgID: randomUUID() });
    const deadline = Date.now() + 60_000;
    while ((await limited('slow_consumer')) < 1) {
      if (Date.now() > deadline) throw new Error('the slow subscriber was never stopped');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    slow.socket.resume();
    await waitFor(() => slow.messages.some((m) => m.type === 'error'), 30_000, 'the SLOW_CONSUMER error');
    const nexts = slow.messages.filter((m) => m.type === 'next');
    const error = slow.messages.find((m) => m.type === 'error')!;
    expect(nexts.length).toBeGreaterThan(0);
    expect(nexts.length).toBeLessThan(COPIES);
    expect(nexts.every((m) => m.payload.data.paymentUpdates.payment.a999 === paymentId)).toBe(true);
    const lastCursor = nexts.at(-1)!.payload.data.paymentUpdates.cursor as string;
    expect(error.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'SLOW_CONSUMER', cursor: lastCursor } }),
    ]);
    slow.socket.close();

    const resumed = collect(open(bearer(flow.investor.token)).client, LIVE, { cprId: flow.cprId, after: lastCursor });
    await waitFor(() => resumed.results.length >= COPIES - nexts.length, 60_000, 'the rest of the copies');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const cursors = [
      ...nexts.map((m) => m.payload.data.paymentUpdates.cursor as string),
      ...resumed.results.map((r) => r.data.paymentUpdates.cursor as string),
    ];
    expect(cursors).toHaveLength(COPIES);
    expect(new Set(cursors).size).toBe(COPIES);
    expect(resumed.errors).toEqual([]);
    await healthy();
  }, 120_000);

  it('drops a connection that stops answering pings within two SUBSCRIPTIONS_KEEP_ALIVE_MS, keeps one that answers', async () => {
    const replica = await startReplica(stack, { SUBSCRIPTIONS_KEEP_ALIVE_MS: '300' });
    try {
      const mute = await rawSubscriber(replica.url, flow.outsider.token, LIVE, {}, { autoPong: false });
      const answering = await rawSubscriber(replica.url, flow.outsider.token, LIVE, {});
      const started = Date.now();
      expect(await new Promise((resolve) => mute.socket.once('close', resolve))).toBe(1006); // terminated
      expect(Date.now() - started).toBeLessThan(3_000);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(answering.socket.readyState).toBe(WebSocket.OPEN);
      answering.socket.close();
    } finally {
      await replica.close();
    }
  });

  it('stays healthy after each kind of bad input', async () => {
    expect(await open({}).closed).toMatchObject({ code: 4403 });
    await healthy();
    expect(await open(bearer(tamperedToken(flow.investor.token, { sub: flow.admin.id }))).closed).toMatchObject({
      code: 4403,
    });
    await healthy();
    const { client } = open(bearer(flow.outsider.token)); // the investor is at its connection limit by now
    const unknown = collect(client, 'subscription { paymentUpdates { nope } }');
    const malformed = collect(client, LIVE, { after: 'd2FsbGV0Oi0x' });
    // Over MAX_DOCUMENT_BYTES (100,000 here), as over HTTP.
    const oversized = collect(open(bearer(flow.admin.token)).client, `${LIVE}\n#${'x'.repeat(100_001)}`);
    await waitFor(
      () => unknown.errors.length > 0 && malformed.results.length > 0 && oversized.errors.length > 0,
      10_000,
      'three answers',
    );
    expect(JSON.stringify(unknown.errors)).toContain('nope');
    expect(malformed.results[0]!.errors![0]!.extensions!['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(oversized.errors)).toContain('maxDocumentBytes');
    // Over MAX_COST, as over HTTP (each unpaginated Cpr.distributions counts 20). Sent last: graphql-ws counts a
    // subscription in before refusing it, so sent with the others it took one of this connection's two slots.
    const costly = collect(
      client,
      'subscription { paymentUpdates { payment { cpr { distributions { cpr { distributions { cpr { distributions { cpr { distributions { id } } } } } } } } } } }',
    );
    await waitFor(() => costly.errors.length > 0, 10_000, 'the costly one refused');
    expect(costly.errors).toEqual([
      [
        expect.objectContaining({
          extensions: { code: 'BAD_USER_INPUT', limit: { name: 'maxCost', max: 20000, actual: 176_844 } },
        }),
      ],
    ]);
    await healthy();
    for (const [message, code] of [
      ['not json', 4400],
      [JSON.stringify({ id: '1', type: 'subscribe', payload: { query: LIVE } }), 4401], // before connection_init
      ['x'.repeat(300_001), 1009], // over MAX_BODY_BYTES (300,000 here): refused before anything is parsed
    ] as const) {
      const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', resolve));
      socket.send(message);
      expect(await closed).toBe(code);
      await healthy();
    }
  });
});
