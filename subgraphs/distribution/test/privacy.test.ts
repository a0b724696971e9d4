import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { paymentConfirmed, testCpr, type TestCpr } from './support/cpr-events.js';
import {
  admin,
  errorCode,
  eventually,
  investor,
  producer,
  startTestDistribution,
  type Caller,
  type TestDistribution,
} from './support/test-distribution.js';

const DISTRIBUTION = `query ($id: ID!) { distribution(id: $id) { id total { amount } lines { investor { id } amount { amount } } } }`;
const CPR_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Cpr { id
  distributions { id payment { id } total { amount } lines { investor { id } amount { amount } } } } } }`;
const PAYMENT_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id
  distribution { id cpr { id } lines { investor { id } } } } } }`;
const DISTRIBUTION_ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Distribution { id lines { investor { id } } } } }`;

describe('who sees which lines (real PostgreSQL, through GraphQL)', () => {
  let app: TestDistribution;
  const cprs: { cpr: TestCpr; paymentIds: string[]; distributionIds: string[] }[] = [];
  beforeAll(async () => {
    app = await startTestDistribution();
    // Three CPRs of two holders each, two installments distributed per CPR.
    for (let i = 0; i < 3; i++) {
      const cpr = testCpr([60_000n, 40_000n]);
      await app.publish(MarketplaceEvents.CprDisbursed, cpr.cprId, cpr.disbursed);
      const payments = [paymentConfirmed(cpr, 10_000n, 1), paymentConfirmed(cpr, 10_000n, 2)];
      for (const payment of payments) await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
      cprs.push({ cpr, paymentIds: payments.map((p) => p.paymentId), distributionIds: [] });
    }
    await eventually(async () => app.completed.length === 6, 'six distributions');
    for (const entry of cprs) {
      entry.distributionIds = entry.paymentIds.map((p) => app.completed.find((e) => e.data.paymentId === p)!.subject);
    }
  });
  afterAll(async () => {
    await app.stop();
  });

  const linesSeenBy = async (who: Caller | undefined, id: string) => {
    const result = await app.graphql(DISTRIBUTION, { id }, who);
    return result.data?.distribution?.lines.map((l: any) => [l.investor.id, l.amount.amount]);
  };

  it('shows every line to ADMINs and to the issuer, an investor only their own, anyone else none', async () => {
    const { cpr, distributionIds } = cprs[0]!;
    const [ana, bruno] = cpr.holders.map((h) => h.who);
    const id = distributionIds[0]!;
    const everyLine = [
      [ana!.id, '60.00'],
      [bruno!.id, '40.00'],
    ];
    expect(await linesSeenBy(admin(), id)).toEqual(everyLine);
    expect(await linesSeenBy(cpr.issuer, id)).toEqual(everyLine);
    expect(await linesSeenBy(ana, id)).toEqual([[ana!.id, '60.00']]);
    expect(await linesSeenBy(bruno, id)).toEqual([[bruno!.id, '40.00']]);
    expect(await linesSeenBy(investor(), id)).toEqual([]);
    expect(await linesSeenBy(producer(), id)).toEqual([]); // another issuer
    expect(await linesSeenBy(cprs[1]!.cpr.issuer, id)).toEqual([]); // the issuer of another CPR
    expect(await linesSeenBy({ id: randomUUID(), role: 'ANALYST' }, id)).toEqual([]);
    // The totals are not personal data: a stranger sees the distribution, without lines.
    expect((await app.graphql(DISTRIBUTION, { id }, investor())).data.distribution.total).toEqual({ amount: '100.00' });
  });

  it('needs a signed-in viewer for distribution(id), and answers null for unknown ids', async () => {
    expect(errorCode(await app.graphql(DISTRIBUTION, { id: cprs[0]!.distributionIds[0] }))).toBe('UNAUTHENTICATED');
    expect((await app.graphql(DISTRIBUTION, { id: randomUUID() }, admin())).data.distribution).toBeNull();
    expect((await app.graphql(DISTRIBUTION, { id: 'not-an-id' }, admin())).data.distribution).toBeNull();
  });

  it('contributes Cpr.distributions with the same privacy, and nothing to anonymous viewers', async () => {
    const { cpr, paymentIds } = cprs[0]!;
    const ana = cpr.holders[0]!.who;
    const representations = [cpr.cprId, randomUUID()].map((id) => ({ __typename: 'Cpr', id }));
    const seen = await app.graphql(CPR_ENTITIES, { r: representations }, ana);
    expect(seen.data._entities[0].distributions.map((d: any) => d.payment.id)).toEqual(paymentIds);
    for (const d of seen.data._entities[0].distributions) {
      expect(d.lines).toEqual([{ investor: { id: ana.id }, amount: { amount: '60.00' } }]);
    }
    expect(seen.data._entities[1]).toEqual({ id: representations[1]!.id, distributions: [] });
    const anonymous = await app.graphql(CPR_ENTITIES, { r: representations });
    expect(anonymous.data._entities.map((e: any) => e.distributions)).toEqual([[], []]);
  });

  it('contributes Payment.distribution, and resolves Distribution references', async () => {
    const { cpr, paymentIds, distributionIds } = cprs[1]!;
    const representations = [...paymentIds, randomUUID()].map((id) => ({ __typename: 'Payment', id }));
    const seen = await app.graphql(PAYMENT_ENTITIES, { r: representations }, cpr.issuer);
    expect(seen.data._entities.map((e: any) => e.distribution?.id ?? null)).toEqual([...distributionIds, null]);
    expect(seen.data._entities[0].distribution.lines).toHaveLength(2);
    expect(seen.data._entities[0].distribution.cpr).toEqual({ id: cpr.cprId });

    const bruno = cpr.holders[1]!.who;
    const refs = [...distributionIds, randomUUID()].map((id) => ({ __typename: 'Distribution', id }));
    const resolved = await app.graphql(DISTRIBUTION_ENTITIES, { r: refs }, bruno);
    expect(resolved.data._entities).toEqual([
      { id: distributionIds[0], lines: [{ investor: { id: bruno.id } }] },
      { id: distributionIds[1], lines: [{ investor: { id: bruno.id } }] },
      null,
    ]);
  });

  it('costs one query for a page of CPRs with their distributions, however long the page', async () => {
    const statementsFor = async (count: number) => {
      const representations = cprs.slice(0, count).map(({ cpr }) => ({ __typename: 'Cpr', id: cpr.cprId }));
      const before = await app.metric('peerseed_sql_statements_total');
      const result = await app.graphql(CPR_ENTITIES, { r: representations }, admin());
      expect(result.data._entities.flatMap((e: any) => e.distributions)).toHaveLength(count * 2);
      return (await app.metric('peerseed_sql_statements_total')) - before;
    };
    expect(await statementsFor(1)).toBe(1);
    expect(await statementsFor(3)).toBe(1);
  });
});
