import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createEnvelope,
  InProcessTransport,
  NotificationsEvents,
  WalletEvents,
  type EventContract,
  type EventData,
} from '@peerseed/shared';
import { buildSchema, graphql, parse, type ExecutionResult } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { encodeCursor } from './cursor.js';
import { inProcessEventSources } from './in-process-event-sources.js';
import { notificationAddedField } from './notification-added.js';
import { paymentUpdatesField } from './payment-updates.js';
import { createSubscriptionExecutor } from './subscription-executor.js';
import type { SupergraphQuery } from './supergraph-selection.js';

// The executor over the in-process source `npm start` uses, with a stand-in for the
// supergraph (the e2e tests under gateway/test/subscriptions run the real one over NATS).
const schema = buildSchema(readFileSync(new URL('../../api-schema.graphql', import.meta.url), 'utf8'));
const [alice, bob] = [randomUUID(), randomUUID()];
const contextOf = (userId: string): GatewayContext => ({
  requestId: randomUUID(),
  identity: { userId, role: 'INVESTOR', expiresAt: new Date(Date.now() + 60_000) },
  authorization: `Bearer token-of-${userId}`,
  logger: undefined as never, // the executor never logs
});

/**
 * The supergraph's answers, executed by graphql-js over the API schema (aliases,
 * fragments, @include as the gateway would): `notification` answers ANY viewer, so
 * who hears what is decided before it is asked; `payment` only the payment's viewers.
 */
function fakeSupergraph(payments: Map<string, { viewers: string[]; installmentNumber: number }>) {
  const asked: { viewer: string; field: string; id: string }[] = [];
  /** While set, every answer is this failure (a subgraph down). */
  const outage: { code: string | null } = { code: null };
  const query: SupergraphQuery = async (text, variableValues, context) => {
    if (outage.code)
      return { data: null, errors: [{ message: 'wallet unreachable', extensions: { code: outage.code } }] };
    const viewer = context.identity!.userId;
    const root = {
      notification: ({ id }: { id: string }) => {
        asked.push({ viewer, field: 'notification', id });
        return { id, kind: 'OFFER_FUNDED', title: `title of ${id}`, body: 'body', readAt: null };
      },
      payment: ({ id }: { id: string }) => {
        asked.push({ viewer, field: 'payment', id });
        const payment = payments.get(id);
        return payment?.viewers.includes(viewer) ? { id, installmentNumber: payment.installmentNumber } : null;
      },
    };
    const result = await graphql({ schema, source: text, variableValues, rootValue: root });
    return { data: result.data ?? null, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) };
  };
  return { query, asked, outage };
}

const publish = <C extends EventContract>(transport: InProcessTransport, contract: C, data: EventData<C>) => {
  const envelope = createEnvelope(contract.type, randomUUID(), data, { source: '/test' });
  return transport.publish(contract.stream, contract.subject, envelope.id, Buffer.from(JSON.stringify(envelope)));
};

/** `wallet.payment.confirmed` of a payment of `cprId`. */
const publishConfirmed = (transport: InProcessTransport, cprId: string, paymentId: string, installmentNumber: number) =>
  publish(transport, WalletEvents.PaymentConfirmed, {
    paymentId,
    cprId,
    issuerId: randomUUID(),
    installmentNumber,
    amount: '100',
    paidAt: new Date().toISOString(),
  });

function setup(payments = new Map<string, { viewers: string[]; installmentNumber: number }>()) {
  const transport = new InProcessTransport();
  const sources = inProcessEventSources(transport);
  const supergraph = fakeSupergraph(payments);
  const execute = createSubscriptionExecutor({
    paymentUpdates: paymentUpdatesField({ source: sources.stream('WALLET'), query: supergraph.query }),
    notificationAdded: notificationAddedField({ source: sources.stream('NOTIFICATIONS'), query: supergraph.query }),
  });
  const subscribe = async (userId: string, document: string, variableValues: Record<string, unknown> = {}) => {
    const result = await execute({
      schema,
      document: parse(document),
      variableValues,
      contextValue: contextOf(userId),
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result.errors));
    return result;
  };
  return { transport, sources, supergraph, subscribe };
}

/** A CPR with two payments only Alice may see, and a way to confirm them. */
function twoPaymentsOfAlice() {
  const cprId = randomUUID();
  const [first, second] = [randomUUID(), randomUUID()];
  const bed = setup(
    new Map([
      [first, { viewers: [alice], installmentNumber: 1 }],
      [second, { viewers: [alice], installmentNumber: 2 }],
    ]),
  );
  const confirmed = (paymentId: string, installmentNumber: number) =>
    publishConfirmed(bed.transport, cprId, paymentId, installmentNumber);
  return { ...bed, cprId, first, second, confirmed };
}

/** The next result, or 'nothing' when none comes within `ms`. */
const nextWithin = async (results: AsyncIterator<ExecutionResult>, ms = 100) => {
  let timer: NodeJS.Timeout | undefined;
  const nothing = new Promise<'nothing'>((resolve) => (timer = setTimeout(() => resolve('nothing'), ms)));
  try {
    return await Promise.race([results.next().then((r) => r.value as ExecutionResult), nothing]);
  } finally {
    clearTimeout(timer);
  }
};

const added = (notificationId: string, recipientId: string) => ({
  notificationId,
  recipientId,
  kind: 'OFFER_FUNDED',
  createdAt: new Date().toISOString(),
});

describe('subscriptions over the in-process event source (npm start without NATS)', () => {
  it('offers a notification only to its recipient, decided at the gateway before the supergraph is asked', async () => {
    const { transport, supergraph, subscribe } = setup();
    const before = randomUUID();
    await publish(transport, NotificationsEvents.NotificationAdded, added(before, alice)); // before subscribing
    const selection = 'subscription { notificationAdded { id heading: title ... on Notification { kind } } }';
    const alices = await subscribe(alice, selection);
    const bobs = await subscribe(bob, selection);
    const [forAlice, forBob] = [randomUUID(), randomUUID()];
    await publish(transport, NotificationsEvents.NotificationAdded, added(forBob, bob));
    await transport.publish('NOTIFICATIONS', 'notifications.other', randomUUID(), Buffer.from('not an envelope'));
    await publish(transport, NotificationsEvents.NotificationAdded, added(forAlice, alice));
    expect(await nextWithin(alices, 1_000)).toEqual({
      data: { notificationAdded: { id: forAlice, heading: `title of ${forAlice}`, kind: 'OFFER_FUNDED' } },
    });
    expect(await nextWithin(bobs, 1_000)).toEqual({
      data: { notificationAdded: { id: forBob, heading: `title of ${forBob}`, kind: 'OFFER_FUNDED' } },
    });
    expect(await nextWithin(alices)).toBe('nothing');
    expect(await nextWithin(bobs)).toBe('nothing');
    // Live only, and the supergraph was asked only as each recipient, for their own.
    expect(supergraph.asked).toEqual(
      expect.arrayContaining([
        { viewer: alice, field: 'notification', id: forAlice },
        { viewer: bob, field: 'notification', id: forBob },
      ]),
    );
    expect(supergraph.asked).toHaveLength(2);
    await alices.return!();
    await bobs.return!();
  });

  it('resumes paymentUpdates after a cursor: the missed events, then live ones; without one, live only', async () => {
    const { cprId, first, second, transport, supergraph, subscribe, confirmed } = twoPaymentsOfAlice();
    const distributed = (paymentId: string, installmentNumber: number) =>
      publish(transport, WalletEvents.DistributionCredited, {
        distributionId: randomUUID(),
        paymentId,
        cprId,
        installmentNumber,
        credits: [{ investorId: alice, amount: '100' }],
      });
    await confirmed(first, 1); // sequence 1
    await distributed(first, 1); // sequence 2: missed by a client who saw sequence 1
    const UPDATES = `subscription ($after: String) {
      paymentUpdates(after: $after) { cursor type payment { installmentNumber } }
    }`;
    const resumed = await subscribe(alice, UPDATES, { after: encodeCursor(1) });
    const live = await subscribe(alice, UPDATES);
    const outsider = await subscribe(bob, UPDATES, { after: encodeCursor(1) });
    await confirmed(second, 2); // sequence 3
    const update = (sequence: number, type: string, installmentNumber: number) => ({
      data: { paymentUpdates: { cursor: encodeCursor(sequence), type, payment: { installmentNumber } } },
    });
    expect(await nextWithin(resumed, 1_000)).toEqual(update(2, 'DISTRIBUTED', 1));
    expect(await nextWithin(resumed, 1_000)).toEqual(update(3, 'CONFIRMED', 2));
    expect(await nextWithin(live, 1_000)).toEqual(update(3, 'CONFIRMED', 2));
    expect(await nextWithin(live)).toBe('nothing');
    // Bob may see neither payment (the wallet's answer): both events dropped.
    expect(await nextWithin(outsider, 300)).toBe('nothing');
    expect(supergraph.asked.filter((a) => a.viewer === bob)).toHaveLength(2);
    for (const results of [resumed, live, outsider]) await results.return!();
  });

  it("shares an event's execution among one user's subscriptions of the same document, never with another user's", async () => {
    const cprId = randomUUID();
    const paymentId = randomUUID();
    const { transport, supergraph, subscribe } = setup(
      new Map([[paymentId, { viewers: [alice], installmentNumber: 7 }]]),
    );
    const UPDATES = 'subscription { paymentUpdates { cursor payment { installmentNumber } } }';
    const ALIASED = 'subscription { paymentUpdates { cursor p: payment { n: installmentNumber } } }';
    const [phone, tab, aliased, outsider] = await Promise.all([
      subscribe(alice, UPDATES),
      subscribe(alice, UPDATES),
      subscribe(alice, ALIASED),
      subscribe(bob, UPDATES), // the same document, another viewer: asked on its own, and refused
    ]);
    await publish(transport, WalletEvents.PaymentConfirmed, {
      paymentId,
      cprId,
      issuerId: randomUUID(),
      installmentNumber: 7,
      amount: '100',
      paidAt: new Date().toISOString(),
    });
    const cursor = encodeCursor(1);
    const expected = { data: { paymentUpdates: { cursor, payment: { installmentNumber: 7 } } } };
    const [fromPhone, fromTab] = await Promise.all([nextWithin(phone, 1_000), nextWithin(tab, 1_000)]);
    expect(fromPhone).toEqual(expected);
    expect(fromTab).toEqual(expected);
    expect(await nextWithin(aliased, 1_000)).toEqual({ data: { paymentUpdates: { cursor, p: { n: 7 } } } });
    expect(await nextWithin(outsider, 300)).toBe('nothing');
    // Alice: one question for both UPDATES subscriptions, one for the aliased document; Bob his own.
    expect(supergraph.asked.filter((a) => a.viewer === alice)).toHaveLength(2);
    expect(supergraph.asked.filter((a) => a.viewer === bob)).toHaveLength(1);
    for (const results of [phone, tab, aliased, outsider]) await results.return!();
  });

  it('refuses a malformed cursor, and answers SERVICE_UNAVAILABLE without an event backbone', async () => {
    const { sources } = setup();
    const { query } = fakeSupergraph(new Map());
    const unavailable = createSubscriptionExecutor({
      paymentUpdates: paymentUpdatesField({ source: null, query }),
      notificationAdded: notificationAddedField({ source: null, query }),
    });
    const run = (execute: typeof unavailable, document: string) =>
      execute({ schema, document: parse(document), contextValue: contextOf(alice) }) as Promise<ExecutionResult>;
    const codes = (result: ExecutionResult) => result.errors?.map((e) => e.extensions['code']);
    expect(codes(await run(unavailable, 'subscription { notificationAdded { id } }'))).toEqual(['SERVICE_UNAVAILABLE']);
    expect(codes(await run(unavailable, 'subscription { paymentUpdates { cursor } }'))).toEqual([
      'SERVICE_UNAVAILABLE',
    ]);
    const available = createSubscriptionExecutor({
      paymentUpdates: paymentUpdatesField({ source: sources.stream('WALLET'), query }),
    });
    expect(codes(await run(available, 'subscription { paymentUpdates(after: "bm9wZQ") { cursor } }'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    await sources.close();
  });

  it('a subgraph failure is not a denial: the subscription ends with SUBSCRIPTION_INTERRUPTED, and resuming from the last cursor delivers the event', async () => {
    const { first, second, supergraph, subscribe, confirmed } = twoPaymentsOfAlice();
    // With a `payment` selection, and without one (the rights check alone).
    const WITH = `subscription ($after: String) { paymentUpdates(after: $after) { cursor payment { installmentNumber } } }`;
    const WITHOUT = `subscription ($after: String) { paymentUpdates(after: $after) { cursor type } }`;
    const [withPayment, withoutPayment] = [await subscribe(alice, WITH), await subscribe(alice, WITHOUT)];
    await confirmed(first, 1); // sequence 1: delivered
    expect(await nextWithin(withPayment, 1_000)).toEqual({
      data: { paymentUpdates: { cursor: encodeCursor(1), payment: { installmentNumber: 1 } } },
    });
    expect(await nextWithin(withoutPayment, 1_000)).toEqual({
      data: { paymentUpdates: { cursor: encodeCursor(1), type: 'CONFIRMED' } },
    });
    supergraph.outage.code = 'INTERNAL_SERVER_ERROR';
    await confirmed(second, 2); // sequence 2: the wallet cannot answer
    for (const results of [withPayment, withoutPayment]) {
      const last = (await nextWithin(results, 1_000)) as ExecutionResult;
      expect(last.data).toBeUndefined();
      expect(last.errors?.map((e) => e.extensions)).toEqual([
        { code: 'SUBSCRIPTION_INTERRUPTED', reason: 'INTERNAL_SERVER_ERROR' },
      ]);
      expect(await results.next()).toEqual({ done: true, value: undefined });
    }
    // Back up: resuming from the last cursor received brings the event that was not delivered.
    supergraph.outage.code = null;
    const resumed = await subscribe(alice, WITH, { after: encodeCursor(1) });
    expect(await nextWithin(resumed, 1_000)).toEqual({
      data: { paymentUpdates: { cursor: encodeCursor(2), payment: { installmentNumber: 2 } } },
    });
    // A denial is still a silent drop, never an interruption.
    supergraph.outage.code = 'FORBIDDEN';
    await confirmed(first, 1);
    expect(await nextWithin(resumed, 300)).toBe('nothing');
    await resumed.return!();
  });
});
