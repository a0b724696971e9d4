import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { activePrivateJwk, signWith, tamperedToken } from '../support/tokens.js';
import { activeCpr } from './funded-cpr.js';
import { post } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { bearer, collect, connectionPool, waitFor } from './ws-client.js';

const UPDATES = /* GraphQL */ `
  subscription Updates($cprId: ID, $after: String) {
    paymentUpdates(cprId: $cprId, after: $after) {
      cursor
      type
      payment {
        id
        installmentNumber
        cpr {
          id
          title
          issuer {
            name
          }
        }
      }
    }
  }
`;

// Aliases, a fragment, @include/@skip on the client's variables: the selection must come
// back exactly as the same query over HTTP answers it (supergraph-executor.ts).
const PAYMENT_SHAPE = /* GraphQL */ `
  fragment PaymentBits on Payment {
    id
    paidAt
  }
  fragment Shaped on Payment {
    ...PaymentBits
    number: installmentNumber
    amount @skip(if: $skipAmount) {
      amount
    }
    lateCharges @include(if: $skipAmount) {
      amount
    }
    cpr @include(if: $withCpr) {
      t: title
      ... on Cpr {
        issuer {
          name
        }
      }
    }
  }
`;
const SHAPED_UPDATES = /* GraphQL */ `
  subscription Shaped($withCpr: Boolean!, $skipAmount: Boolean!) {
    paymentUpdates {
      type
      p: payment {
        ...Shaped
      }
    }
  }
  ${PAYMENT_SHAPE}
`;
const SHAPED_PAYMENT = /* GraphQL */ `
  query ($id: ID!, $withCpr: Boolean!, $skipAmount: Boolean!) {
    payment(id: $id) {
      ...Shaped
    }
  }
  ${PAYMENT_SHAPE}
`;

interface Update {
  paymentUpdates: {
    cursor: string;
    type: 'CONFIRMED' | 'DISTRIBUTED';
    payment: { id: string; installmentNumber: number; cpr: { id: string; title: string; issuer: { name: string } } };
  };
}

describe('Subscription.paymentUpdates over graphql-ws (issue 6)', () => {
  let stack: TestStack;
  let url: string;
  let flow: Awaited<ReturnType<typeof activeCpr>>;
  const pool = connectionPool();
  const open = (params: Record<string, unknown>) => pool.open(url, params);

  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
    flow = await activeCpr(url);
  }, 120_000);
  afterAll(async () => {
    await pool.closeAll();
    await stack.stop();
  });

  it('delivers CONFIRMED then DISTRIBUTED with cross-subgraph fields to the issuer and the investor, nothing to an outsider', async () => {
    const issuer = collect<Update>(open(bearer(flow.producer.token)).client, UPDATES, { cprId: flow.cprId });
    const investor = collect<Update>(open(bearer(flow.investor.token)).client, UPDATES, {});
    const outsider = collect<Update>(open(bearer(flow.outsider.token)).client, UPDATES, {});
    // The investor's second device, same document: it gets exactly what the first one gets.
    const investorAgain = collect<Update>(open(bearer(flow.investor.token)).client, UPDATES, {});
    const shapedVariables = { withCpr: true, skipAmount: false };
    const shaped = collect<any>(open(bearer(flow.investor.token)).client, SHAPED_UPDATES, shapedVariables);
    await new Promise((resolve) => setTimeout(resolve, 500)); // subscribed before the payment
    const paymentId = await flow.pay(1);
    await waitFor(
      () => [issuer, investor, investorAgain, shaped].every((received) => received.results.length >= 2),
      30_000,
      'both events',
    );
    const overHttp = await post(
      url,
      { query: SHAPED_PAYMENT, variables: { id: paymentId, ...shapedVariables } },
      { authorization: `Bearer ${flow.investor.token}` },
    );
    expect(overHttp.errors).toBeUndefined();
    expect(overHttp.data.payment.cpr.issuer.name).toBe('Fazenda Boa Vista');
    expect(shaped.results.map((r) => r.data.paymentUpdates.p)).toEqual([overHttp.data.payment, overHttp.data.payment]);
    expect(investorAgain.results).toEqual(investor.results);
    for (const received of [issuer, investor]) {
      expect(received.errors).toEqual([]);
      expect(received.results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(received.results.map((r) => r.data!.paymentUpdates.type)).toEqual(['CONFIRMED', 'DISTRIBUTED']);
      expect(received.results[0]!.data!.paymentUpdates.payment).toEqual({
        id: paymentId,
        installmentNumber: 1,
        cpr: { id: flow.cprId, title: 'Soja safra 27', issuer: { name: 'Fazenda Boa Vista' } },
      });
    }
    expect(issuer.results.map((r) => r.data!.paymentUpdates.cursor)).toEqual(
      investor.results.map((r) => r.data!.paymentUpdates.cursor),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(outsider.results).toEqual([]);
    expect(outsider.errors).toEqual([]);
  }, 60_000);

  it('replays exactly what a reconnecting client missed, then goes on live', async () => {
    const first = open(bearer(flow.investor.token));
    const live = collect<Update>(first.client, UPDATES, { cprId: flow.cprId });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await flow.pay(2);
    await waitFor(() => live.results.length >= 1, 30_000, 'CONFIRMED of installment 2');
    const seen = live.results[0]!.data!.paymentUpdates;
    expect(seen).toMatchObject({ type: 'CONFIRMED', payment: { installmentNumber: 2 } });
    await first.client.dispose(); // gone before (or while) DISTRIBUTED is published

    const again = collect<Update>(open(bearer(flow.investor.token)).client, UPDATES, {
      cprId: flow.cprId,
      after: seen.cursor,
    });
    await waitFor(() => again.results.length >= 1, 30_000, 'the missed DISTRIBUTED');
    await flow.pay(3);
    await waitFor(() => again.results.length >= 3, 30_000, 'installment 3 live');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(
      again.results.map((r) => [r.data!.paymentUpdates.type, r.data!.paymentUpdates.payment.installmentNumber]),
    ).toEqual([
      ['DISTRIBUTED', 2],
      ['CONFIRMED', 3],
      ['DISTRIBUTED', 3],
    ]);
    const cursors = again.results.map((r) => r.data!.paymentUpdates.cursor);
    expect(new Set([seen.cursor, ...cursors]).size).toBe(4);
  }, 60_000);

  it('refuses a connection without a token or with a forged one (4403), and stays healthy', async () => {
    expect(await open({}).closed).toMatchObject({ code: 4403 });
    expect(await open(bearer(tamperedToken(flow.investor.token, { role: 'ADMIN' }))).closed).toMatchObject({
      code: 4403,
    });
    expect(await open({ Authorization: 'Basic abc' }).closed).toMatchObject({ code: 4403 });
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
  });

  it('answers a bad document or cursor with a clear error on an open connection', async () => {
    const { client } = open(bearer(flow.investor.token));
    const unknown = collect(client, 'subscription { paymentUpdates { nope } }');
    const malformed = collect(client, UPDATES, { after: 'not-a-cursor' });
    const query = collect(client, '{ me { id } }');
    await waitFor(
      () => unknown.errors.length + malformed.results.length + malformed.errors.length + query.errors.length >= 3,
      10_000,
      'three errors',
    );
    expect(JSON.stringify(unknown.errors)).toContain('Cannot query field \\"nope\\" on type \\"PaymentEvent\\"');
    expect(malformed.results[0]?.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(query.errors)).toContain('Only subscriptions');
    // The same connection still serves a good subscription.
    const good = collect(client, UPDATES, { cprId: flow.cprId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(good.errors).toEqual([]);
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
  });

  it('closes the socket with 4440 just before the token expires', async () => {
    const jwk = await activePrivateJwk(stack.accounts);
    const token = await signWith(jwk, {
      sub: flow.investor.id,
      role: 'INVESTOR',
      exp: Math.floor(Date.now() / 1000) + 3,
    });
    const connection = open(bearer(token));
    collect(connection.client, UPDATES, {});
    const started = Date.now();
    expect(await connection.closed).toEqual({ code: 4440, reason: 'Token expired' });
    expect(Date.now() - started).toBeLessThan(3_500);
  });
});
