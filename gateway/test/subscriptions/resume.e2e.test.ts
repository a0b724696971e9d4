import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as connectNats } from '@nats-io/transport-node';
import { eventNamespace, type RunningServer } from '@peerseed/shared';
import type { SpawnedService } from '@peerseed/shared/testing';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { activePrivateJwk, signWith } from '../support/tokens.js';
import { activeCpr } from './funded-cpr.js';
import { spawnReplica, startReplica } from './replicas.js';
import { bearer, collect, type Collected, connectionPool, waitFor } from './ws-client.js';

const UPDATES = /* GraphQL */ `
  subscription Updates($cprId: ID, $after: String) {
    paymentUpdates(cprId: $cprId, after: $after) {
      cursor
      type
      payment {
        installmentNumber
      }
    }
  }
`;

interface Update {
  paymentUpdates: { cursor: string; type: 'CONFIRMED' | 'DISTRIBUTED'; payment: { installmentNumber: number } };
}

/** What a subscriber received, as [type, installment] pairs, and the cursors in that order. */
const seen = (...received: Collected<Update>[]) => {
  const updates = received.flatMap((c) => c.results.map((r) => r.data!.paymentUpdates));
  return { events: updates.map((u) => [u.type, u.payment.installmentNumber]), cursors: updates.map((u) => u.cursor) };
};
const both = (installment: number) => [
  ['CONFIRMED', installment],
  ['DISTRIBUTED', installment],
];
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resuming from a cursor (issue 6): after the token expires, on another replica after
 * one crashed or shut down, and — refused with CURSOR_EXPIRED — beyond retention.
 */
describe('Subscriptions resume from the cursor across reconnections and replicas', () => {
  let stack: TestStack;
  let url: string;
  let flow: Awaited<ReturnType<typeof activeCpr>>;
  let installment = 0;
  const payNext = () => flow.pay(++installment);
  const pool = connectionPool();
  const open = (at: string, params: Record<string, unknown>) => pool.open(at, params);
  const healthy = async (at: string) => {
    expect((await fetch(new URL('/healthz', at))).status).toBe(200);
    const probe = open(at, bearer(flow.outsider.token));
    const subscription = collect(probe.client, UPDATES, {});
    await settle(200);
    expect(subscription.errors).toEqual([]);
    subscription.stop();
  };

  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
    flow = await activeCpr(url, 8);
  }, 120_000);
  afterAll(async () => {
    await pool.closeAll();
    await stack.stop();
  });

  it('closes with 4440 before the token expires; resuming with a fresh token and the cursor loses and repeats nothing', async () => {
    const jwk = await activePrivateJwk(stack.accounts);
    const exp = Math.floor(Date.now() / 1000) + 6;
    const shortLived = await signWith(jwk, { sub: flow.investor.id, role: 'INVESTOR', exp });
    const first = open(url, bearer(shortLived));
    const before = collect<Update>(first.client, UPDATES, { cprId: flow.cprId });
    await settle(300);
    await payNext();
    await waitFor(() => before.results.length >= 1, 5_000, 'the first CONFIRMED');
    expect(await first.closed).toEqual({ code: 4440, reason: 'Token expired' });
    expect(Date.now()).toBeLessThan(exp * 1000);

    await payNext(); // while disconnected
    const last = seen(before).cursors.at(-1)!;
    const after = collect<Update>(open(url, bearer(flow.investor.token)).client, UPDATES, {
      cprId: flow.cprId,
      after: last,
    });
    await waitFor(() => seen(before, after).events.length >= 4, 30_000, 'what was missed');
    await payNext();
    await waitFor(() => seen(before, after).events.length >= 6, 30_000, 'the live payment');
    await settle(500);
    const all = seen(before, after);
    expect(all.events).toEqual([...both(installment - 2), ...both(installment - 1), ...both(installment)]);
    expect(new Set(all.cursors).size).toBe(6);
    expect(after.errors).toEqual([]); // `before` was told of the close, as graphql-ws clients are
  }, 90_000);

  it('a replica killed mid-stream: the client resumes on another with nothing lost or doubled', async () => {
    let doomed: SpawnedService | null = await spawnReplica(stack);
    try {
      const onDoomed = open(doomed.url, bearer(flow.investor.token));
      const before = collect<Update>(onDoomed.client, UPDATES, { cprId: flow.cprId });
      await settle(300);
      await payNext();
      await waitFor(() => before.results.length >= 1, 30_000, 'an event on the doomed replica');
      const paying = payNext(); // payments go on while the replica dies
      expect(await doomed.stop('SIGKILL')).toBeNull();
      doomed = null;
      expect((await onDoomed.closed).code).toBe(1006); // no close frame: the process just vanished
      await paying;

      const after = collect<Update>(open(url, bearer(flow.investor.token)).client, UPDATES, {
        cprId: flow.cprId,
        after: seen(before).cursors.at(-1),
      });
      await waitFor(() => seen(before, after).events.length >= 4, 30_000, 'the rest on the surviving replica');
      await settle(500);
      const all = seen(before, after);
      expect(all.events).toEqual([...both(installment - 1), ...both(installment)]);
      expect(new Set(all.cursors).size).toBe(4);
      await healthy(url);
    } finally {
      await doomed?.stop('SIGKILL');
    }
  }, 120_000);

  it('a replica shutting down closes its sockets with 1001 promptly; the client resumes elsewhere', async () => {
    const leaving: RunningServer = await startReplica(stack);
    const onLeaving = open(leaving.url, bearer(flow.investor.token));
    const before = collect<Update>(onLeaving.client, UPDATES, { cprId: flow.cprId });
    await settle(300);
    await payNext();
    await waitFor(() => before.results.length >= 2, 30_000, 'both events on the leaving replica');
    const started = Date.now();
    await leaving.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await onLeaving.closed).toEqual({ code: 1001, reason: 'Going away' });

    await payNext();
    const after = collect<Update>(open(url, bearer(flow.investor.token)).client, UPDATES, {
      cprId: flow.cprId,
      after: seen(before).cursors.at(-1),
    });
    await waitFor(() => after.results.length >= 2, 30_000, 'the payment made meanwhile');
    await settle(300);
    expect(seen(before, after).events).toEqual([...both(installment - 1), ...both(installment)]);
  }, 90_000);

  it('answers CURSOR_EXPIRED for a cursor older than what the stream retains, and stays healthy', async () => {
    const early = collect<Update>(open(url, bearer(flow.investor.token)).client, UPDATES, { cprId: flow.cprId });
    await settle(300);
    await payNext();
    await waitFor(() => early.results.length >= 2, 30_000, 'a payment to hold a cursor of');
    const old = seen(early).cursors[0];
    // Retention at work: everything stored so far leaves the stream (last test of the file).
    const nc = await connectNats({ servers: stack.events.NATS_URL });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = eventNamespace(stack.events.EVENTS_NAMESPACE).stream('WALLET');
      await jsm.streams.purge(stream);
      expect((await jsm.streams.info(stream)).state.messages).toBe(0);
    } finally {
      await nc.close();
    }
    const expired = collect<Update>(open(url, bearer(flow.investor.token)).client, UPDATES, { after: old });
    await waitFor(() => expired.results.length + expired.errors.length >= 1, 10_000, 'the answer');
    expect(expired.results[0]?.errors?.[0]?.extensions?.['code']).toBe('CURSOR_EXPIRED');
    expect(expired.results[0]?.data ?? null).toBeNull();
    await healthy(url);
  }, 60_000);
});
