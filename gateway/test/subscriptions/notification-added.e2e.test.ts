import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MyNotificationsDocument } from '../generated/graphql.js';
import { execute } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { openCpr } from './funded-cpr.js';
import { bearer, collect, connectionPool, waitFor } from './ws-client.js';

// An alias, a named fragment and a variable in @include: the selection travels whole.
const ADDED = /* GraphQL */ `
  subscription Added($withBody: Boolean!) {
    notificationAdded {
      id
      what: kind
      ...Texts
      readAt
    }
  }
  fragment Texts on Notification {
    title
    body @include(if: $withBody)
  }
`;

interface Added {
  notificationAdded: { id: string; what: string; title: string; body?: string; readAt: string | null };
}

describe('Subscription.notificationAdded over graphql-ws (issue 6)', () => {
  let stack: TestStack;
  let url: string;
  let flow: Awaited<ReturnType<typeof openCpr>>;
  const pool = connectionPool();
  const open = (token: string) => pool.open(url, bearer(token));

  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
    flow = await openCpr(url);
  }, 120_000);
  afterAll(async () => {
    await pool.closeAll();
    await stack.stop();
  });

  it('tells each recipient of their own notifications, with the fields they selected, and no one else', async () => {
    const investor = collect<Added>(open(flow.investor.token).client, ADDED, { withBody: true });
    const issuer = collect<Added>(open(flow.producer.token).client, ADDED, { withBody: false });
    const outsider = collect<Added>(open(flow.outsider.token).client, ADDED, { withBody: true });
    const admin = collect<Added>(open(flow.admin.token).client, ADDED, { withBody: true });
    await new Promise((resolve) => setTimeout(resolve, 500)); // subscribed before the investment
    await flow.invest(); // the whole target: INVESTMENT_CONFIRMED to the investor, OFFER_FUNDED to the issuer
    await waitFor(() => investor.results.length >= 1 && issuer.results.length >= 1, 30_000, 'both notifications');
    const code = `CPR ${flow.cprId.slice(0, 8).toUpperCase()}`;
    expect(investor.errors).toEqual([]);
    expect(investor.results).toEqual([
      {
        data: {
          notificationAdded: {
            id: expect.any(String),
            what: 'INVESTMENT_CONFIRMED',
            title: 'Investimento confirmado',
            body: `Seu investimento de R$ 10.000,00 na ${code} foi confirmado.`,
            readAt: null,
          },
        },
      },
    ]);
    // The one the recipient then finds in myNotifications.
    const mine = await execute(url, MyNotificationsDocument, { first: 1 }, flow.investor.token);
    expect(mine.data!.myNotifications.edges[0]!.node.id).toBe(investor.results[0]!.data!.notificationAdded.id);
    expect(issuer.errors).toEqual([]);
    expect(issuer.results.map((r) => r.data!.notificationAdded)).toEqual([
      { id: expect.any(String), what: 'OFFER_FUNDED', title: 'Captação concluída', readAt: null },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(outsider.results).toEqual([]);
    expect(outsider.errors).toEqual([]);
    // Admins see everything else, but notifications are their recipients' only.
    expect(admin.results).toEqual([]);
    expect(investor.results).toHaveLength(1);
  }, 60_000);

  it('refuses an argument the contract does not have, and a field Notification does not have', async () => {
    const { client } = open(flow.investor.token);
    const after = collect(client, 'subscription { notificationAdded(after: "x") { id } }');
    const unknown = collect(client, 'subscription { notificationAdded { nope } }');
    await waitFor(() => after.errors.length + unknown.errors.length >= 2, 10_000, 'two errors');
    expect(JSON.stringify(after.errors)).toContain('Unknown argument \\"after\\"');
    expect(JSON.stringify(unknown.errors)).toContain('Cannot query field \\"nope\\" on type \\"Notification\\"');
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
  });
});
