import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents } from '@peerseed/shared';
import {
  errorCode,
  handled,
  investor,
  startTestNotifications,
  type Caller,
  type TestNotifications,
} from './support/test-notifications.js';

const PAGE = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id kind title body createdAt readAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const MARK = 'mutation ($id: ID!) { markNotificationRead(id: $id) { id readAt } }';

describe('myNotifications, notification and markNotificationRead (real PostgreSQL)', () => {
  let app: TestNotifications;
  const ana = investor();
  const bruno = investor();
  /** Ana's notification ids, oldest first (one confirmed investment each, amounts R$ 1,00 … R$ 5,00). */
  const anas: string[] = [];

  beforeAll(async () => {
    app = await startTestNotifications();
    for (let n = 1; n <= 5; n += 1) {
      const cprId = randomUUID();
      const id = await app.publish(MarketplaceEvents.InvestmentConfirmed, cprId, {
        investmentId: randomUUID(),
        cprId,
        investorId: ana.id,
        amount: `${n * 100}`,
      });
      await handled(app, 'notify-investor-on-investment-confirmed', id);
      const [row] = await app.sql<{ id: string }>('select id from notifications where event_id = ?', [id]);
      anas.push(row!.id);
    }
    const other = randomUUID();
    const id = await app.publish(MarketplaceEvents.InvestmentConfirmed, other, {
      investmentId: randomUUID(),
      cprId: other,
      investorId: bruno.id,
      amount: '100',
    });
    await handled(app, 'notify-investor-on-investment-confirmed', id);
  });
  afterAll(async () => {
    await app.stop();
  });

  const page = async (as: Caller, variables: Record<string, unknown>) => {
    const result = await app.graphql(PAGE, variables, as);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.myNotifications as {
      edges: { cursor: string; node: { id: string; body: string; readAt: string | null } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };

  it('pages through the caller’s own notifications, newest first, with stable cursors', async () => {
    const first = await page(ana, { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual([anas[4], anas[3]]);
    expect(first.edges[0]!.node.body).toContain('R$ 5,00');
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]!.cursor });
    const second = await page(ana, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual([anas[2], anas[1]]);
    const last = await page(ana, { first: 2, after: second.pageInfo.endCursor });
    expect(last.edges.map((e) => e.node.id)).toEqual([anas[0]]);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect((await page(bruno, {})).edges).toHaveLength(1);
  });

  it('breaks ties of createdAt by id, so no page repeats or skips one', async () => {
    const carla = investor();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) {
      await app.sql(
        `insert into notifications (id, event_id, recipient_id, kind, title, body, created_at)
         values (?, ?, ?, 'OFFER_FUNDED', 't', 'b', '2026-12-01T12:00:00.000Z')`,
        [id, randomUUID(), carla.id],
      );
    }
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const one = await page(carla, { first: 1, after });
      seen.push(...one.edges.map((e) => e.node.id));
      after = one.pageInfo.hasNextPage ? one.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...ids].sort().reverse());
  });

  it('bounds first and rejects a cursor it did not make', async () => {
    expect(errorCode(await app.graphql(PAGE, { first: 101 }, ana))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.graphql(PAGE, { first: -1 }, ana))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.graphql(PAGE, { after: 'not-a-cursor' }, ana))).toBe('BAD_USER_INPUT');
    expect(errorCode(await app.graphql(PAGE, {}))).toBe('UNAUTHENTICATED');
  });

  it('marks one’s own notification read once; the first readAt stays', async () => {
    const first = await app.graphql(MARK, { id: anas[3] }, ana);
    expect(first.errors).toBeUndefined();
    const readAt = first.data.markNotificationRead.readAt as string;
    expect(Date.parse(readAt)).not.toBeNaN();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await app.graphql(MARK, { id: anas[3] }, ana);
    expect(again.data.markNotificationRead).toEqual({ id: anas[3], readAt });
  });

  it('answers NOT_FOUND for someone else’s notification, and leaves it unread', async () => {
    const [brunos] = await app.sql<{ id: string }>('select id from notifications where recipient_id = ?', [bruno.id]);
    expect(errorCode(await app.graphql(MARK, { id: brunos!.id }, ana))).toBe('NOT_FOUND');
    expect(errorCode(await app.graphql(MARK, { id: randomUUID() }, ana))).toBe('NOT_FOUND');
    expect(errorCode(await app.graphql(MARK, { id: 'nope' }, ana))).toBe('NOT_FOUND');
    const [row] = await app.sql<{ read_at: Date | null }>('select read_at from notifications where id = ?', [
      brunos!.id,
    ]);
    expect(row!.read_at).toBeNull();
  });

  it('unreadOnly leaves out what was read, and pages the rest', async () => {
    const unread = await page(ana, { unreadOnly: true, first: 3 });
    expect(unread.edges.map((e) => e.node.id)).toEqual([anas[4], anas[2], anas[1]]);
    expect(unread.edges.every((e) => e.node.readAt === null)).toBe(true);
    const rest = await page(ana, { unreadOnly: true, first: 3, after: unread.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual([anas[0]]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = await page(ana, { unreadOnly: false });
    expect(all.edges).toHaveLength(5);
  });

  it('answers notification(id) to its recipient only: NOT_FOUND for anyone else, a missing or bad id', async () => {
    const ONE = 'query ($id: ID!) { notification(id: $id) { id kind title body readAt } }';
    const own = await app.graphql(ONE, { id: anas[0] }, ana);
    expect(own.errors).toBeUndefined();
    expect(own.data.notification).toMatchObject({
      id: anas[0],
      kind: 'INVESTMENT_CONFIRMED',
      title: 'Investimento confirmado',
    });
    expect(own.data.notification.body).toContain('R$ 1,00');
    expect(errorCode(await app.graphql(ONE, { id: anas[0] }, bruno))).toBe('NOT_FOUND');
    expect(errorCode(await app.graphql(ONE, { id: randomUUID() }, ana))).toBe('NOT_FOUND');
    expect(errorCode(await app.graphql(ONE, { id: 'nope' }, ana))).toBe('NOT_FOUND');
    expect(errorCode(await app.graphql(ONE, { id: anas[0] }))).toBe('UNAUTHENTICATED');
  });

  it('resolves Notification references for their recipient only', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id kind } } }`;
    const representations = [{ __typename: 'Notification', id: anas[0] }];
    const own = await app.graphql(query, { r: representations }, ana);
    expect(own.data._entities).toEqual([{ id: anas[0], kind: 'INVESTMENT_CONFIRMED' }]);
    const others = await app.graphql(query, { r: representations }, bruno);
    expect(others.data._entities).toEqual([null]);
  });
});
