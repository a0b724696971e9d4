import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WalletEvents } from '@peerseed/shared';
import { randomUUID } from 'node:crypto';
import { eventually, fundsReserved, startTestMarketplace, type TestMarketplace } from './support/test-marketplace.js';

const producer = { id: randomUUID(), role: 'PRODUCER' as const };
const admin = { id: randomUUID(), role: 'ADMIN' as const };
const analyst = { id: randomUUID(), role: 'ANALYST' as const };
const day = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * day).toISOString();
const offer = (overrides: Record<string, unknown> = {}) => ({
  title: 'Soja safra 26/27',
  commodity: 'SOY',
  quantity: '1000.5',
  unit: 'SACA_60KG',
  targetAmount: '100000.00',
  minimumAmount: '70000.00',
  annualRate: '14.50',
  fundingDeadline: inDays(30),
  maturityDate: inDays(365),
  installmentCount: 4,
  ...overrides,
});
const CREATE = `mutation ($input: CreateCprInput!) { createCpr(input: $input) { id code status targetAmount { amount currency } annualRate quantity issuer { id } } }`;
const INVEST = `mutation ($cprId: ID!, $amount: Decimal!) { invest(cprId: $cprId, amount: $amount) { id status amount { amount } investor { id } } }`;
const CPR = `query ($id: ID!) { cpr(id: $id) { id status fundedAmount { amount } installments { number amount { amount } status dueDate } } }`;

describe('marketplace (real PostgreSQL and JetStream; the wallet played by the test)', () => {
  let m: TestMarketplace;
  beforeAll(async () => {
    m = await startTestMarketplace();
  });
  afterAll(async () => {
    await m.stop();
  });

  async function openOffer(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await m.gql(CREATE, { input: offer(overrides) }, producer);
    const id = created.data.createCpr.id as string;
    await m.gql(`mutation ($id: ID!) { submitCpr(id: $id) { status } }`, { id }, producer);
    const approved = await m.gql(`mutation ($id: ID!) { approveCpr(id: $id) { status } }`, { id }, admin);
    expect(approved.data.approveCpr.status).toBe('OPEN');
    return id;
  }

  it('migrations match the entity mapping', async () => {
    expect((await m.app.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });

  it('creates a DRAFT with exact money and rate, and enforces who may move it', async () => {
    const created = await m.gql(CREATE, { input: offer() }, producer);
    expect(created.data.createCpr).toMatchObject({
      status: 'DRAFT',
      targetAmount: { amount: '100000.00', currency: 'BRL' },
      annualRate: '14.50',
      quantity: '1000.5000',
      issuer: { id: producer.id },
    });
    const id = created.data.createCpr.id;
    const investorTries = await m.gql(CREATE, { input: offer() }, { id: randomUUID(), role: 'INVESTOR' });
    expect(investorTries.errors[0].extensions.code).toBe('FORBIDDEN');
    const early = await m.gql(`mutation ($id: ID!) { approveCpr(id: $id) { status } }`, { id }, admin);
    expect(early.errors[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(early.errors[0].message).toMatch(/DRAFT cannot become OPEN/);
    const notTheIssuer = await m.gql(
      `mutation ($id: ID!) { submitCpr(id: $id) { status } }`,
      { id },
      { id: randomUUID(), role: 'PRODUCER' },
    );
    expect(notTheIssuer.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('refuses bad offers with BAD_USER_INPUT and writes nothing', async () => {
    const before = await m.app.orm.em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from cprs');
    const cases: [Record<string, unknown>, string][] = [
      [{ minimumAmount: '66666.66' }, 'minimumAmount'],
      [{ targetAmount: '-10.00' }, 'targetAmount'],
      [{ targetAmount: '100.001' }, 'targetAmount'],
      [{ targetAmount: '1e5' }, 'targetAmount'],
      [{ fundingDeadline: inDays(-1) }, 'fundingDeadline'],
      [{ fundingDeadline: inDays(200), maturityDate: inDays(400) }, 'fundingDeadline'],
      [{ installmentCount: 0 }, 'installmentCount'],
      [{ annualRate: '14.505' }, 'annualRate'],
      [{ targetAmount: '0.10', minimumAmount: '0.10', installmentCount: 60 }, 'minimumAmount'],
    ];
    for (const [change, field] of cases) {
      const result = await m.gql(CREATE, { input: offer(change) }, producer);
      expect({ change, error: result.errors?.[0]?.extensions }).toMatchObject({
        change,
        error: { code: 'BAD_USER_INPUT' },
      });
      if (result.errors[0].extensions.field) expect(result.errors[0].extensions.field).toBe(field);
    }
    const after = await m.app.orm.em.fork().getConnection().execute<{ n: string }[]>('select count(*) as n from cprs');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('never promises more than the target to 50 concurrent investors, and confirms up to FUNDED', async () => {
    const id = await openOffer();
    const investors = Array.from({ length: 50 }, () => ({ id: randomUUID(), role: 'INVESTOR' as const }));
    const results = await Promise.all(
      investors.map((investor) => m.gql(INVEST, { cprId: id, amount: '3000.00' }, investor)),
    );
    const accepted = results.filter((r) => r.data?.invest).map((r) => r.data.invest);
    const refused = results.filter((r) => r.errors);
    expect(accepted).toHaveLength(33); // 33 × 3,000.00 ≤ 100,000.00 < 34 × 3,000.00
    expect(refused.every((r) => r.errors[0].extensions.code === 'CONFLICT')).toBe(true);
    // The wallet reserves every one of them (a redelivery of the first too).
    for (const i of accepted)
      await m.publish(
        WalletEvents.FundsReserved,
        id,
        fundsReserved({ id: i.id, cprId: id, investorId: i.investor.id, amount: '300000' }),
      );
    await m.publish(
      WalletEvents.FundsReserved,
      id,
      fundsReserved({ id: accepted[0].id, cprId: id, investorId: accepted[0].investor.id, amount: '300000' }),
    );
    const cpr = await eventually(
      () => m.gql(CPR, { id }, admin),
      (r) => r.data.cpr.fundedAmount.amount === '99000.00',
    );
    expect(cpr.data.cpr).toMatchObject({ status: 'OPEN', fundedAmount: { amount: '99000.00' } });
    // The last 1,000.00 funds it.
    const last = await m.gql(INVEST, { cprId: id, amount: '1000.00' }, investors[49]);
    await m.publish(
      WalletEvents.FundsReserved,
      id,
      fundsReserved({ id: last.data.invest.id, cprId: id, investorId: investors[49]!.id, amount: '100000' }),
    );
    const funded = await eventually(
      () => m.gql(CPR, { id }, admin),
      (r) => r.data.cpr.status === 'FUNDED',
    );
    expect(funded.data.cpr.fundedAmount.amount).toBe('100000.00');
  });

  it('rejects an investment when the wallet cannot reserve, freeing its share', async () => {
    const id = await openOffer();
    const investor = { id: randomUUID(), role: 'INVESTOR' as const };
    const invested = await m.gql(INVEST, { cprId: id, amount: '5000.00' }, investor);
    await m.publish(WalletEvents.FundsRejected, id, {
      ...fundsReserved({ id: invested.data.invest.id, cprId: id, investorId: investor.id, amount: '500000' }),
      reason: 'INSUFFICIENT_FUNDS',
    });
    const mine = await eventually(
      () => m.gql(`{ myInvestments { id status rejectionReason cpr { id } } }`, {}, investor),
      (r) => r.data.myInvestments[0]?.status === 'REJECTED',
    );
    expect(mine.data.myInvestments[0]).toMatchObject({
      status: 'REJECTED',
      rejectionReason: 'INSUFFICIENT_FUNDS',
      cpr: { id },
    });
  });

  it('refuses investing in a CPR that is not OPEN, in an unknown CPR, over the annual limit, or malformed amounts', async () => {
    const investor = { id: randomUUID(), role: 'INVESTOR' as const };
    const draft = await m.gql(CREATE, { input: offer() }, producer);
    expect(
      (await m.gql(INVEST, { cprId: draft.data.createCpr.id, amount: '10.00' }, investor)).errors[0].extensions.code,
    ).toBe('CONFLICT');
    expect((await m.gql(INVEST, { cprId: randomUUID(), amount: '10.00' }, investor)).errors[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const id = await openOffer();
    expect((await m.gql(INVEST, { cprId: id, amount: '20000.01' }, investor)).errors[0].message).toMatch(
      /annual limit/,
    );
    for (const amount of ['-1.00', '0', '10.001', 'abc']) {
      expect((await m.gql(INVEST, { cprId: id, amount }, investor)).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps the annual limit when one investor invests in two offers at once', async () => {
    const big = { targetAmount: '300000.00', minimumAmount: '200000.00' };
    const [first, second] = [await openOffer(big), await openOffer(big)];
    // Each pair alone exceeds the R$ 20,000.00 limit; several pairs so that, unserialised, some pair races.
    const investors = Array.from({ length: 10 }, () => ({ id: randomUUID(), role: 'INVESTOR' as const }));
    const results = await Promise.all(
      investors.map((investor) =>
        Promise.all([first, second].map((cprId) => m.gql(INVEST, { cprId, amount: '15000.00' }, investor))),
      ),
    );
    for (const pair of results) {
      expect(pair.filter((r) => r.data?.invest?.status === 'PENDING')).toHaveLength(1);
      const refused = pair.find((r) => r.errors)!;
      expect(refused.errors[0]).toMatchObject({
        message: expect.stringMatching(/annual limit/),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
  });

  it('lets an investor withdraw within the window and releases the share', async () => {
    const id = await openOffer();
    const investor = { id: randomUUID(), role: 'INVESTOR' as const };
    const invested = await m.gql(INVEST, { cprId: id, amount: '2000.00' }, investor);
    const cancelled = await m.gql(
      `mutation ($id: ID!) { cancelInvestment(id: $id) { status } }`,
      { id: invested.data.invest.id },
      investor,
    );
    expect(cancelled.data.cancelInvestment.status).toBe('CANCELLED');
    const stranger = await m.gql(
      `mutation ($id: ID!) { cancelInvestment(id: $id) { status } }`,
      { id: invested.data.invest.id },
      { id: randomUUID(), role: 'INVESTOR' },
    );
    expect(stranger.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('disburses a FUNDED CPR with a fixed schedule, marks payments PAID and settles after the last', async () => {
    const id = await openOffer({ targetAmount: '9000.00', minimumAmount: '6000.00', installmentCount: 2 });
    const investor = { id: randomUUID(), role: 'INVESTOR' as const };
    const invested = await m.gql(INVEST, { cprId: id, amount: '9000.00' }, investor);
    await m.publish(
      WalletEvents.FundsReserved,
      id,
      fundsReserved({ id: invested.data.invest.id, cprId: id, investorId: investor.id, amount: '900000' }),
    );
    await eventually(
      () => m.gql(CPR, { id }, admin),
      (r) => r.data.cpr.status === 'FUNDED',
    );
    const disbursed = await m.gql(
      `mutation ($id: ID!) { disburseCpr(id: $id) { status installments { number amount { amount } status } } }`,
      { id },
      admin,
    );
    expect(disbursed.data.disburseCpr.status).toBe('ACTIVE');
    expect(disbursed.data.disburseCpr.installments).toHaveLength(2);
    // Its holder follows it once it is no longer OPEN; another investor does not see it.
    expect((await m.gql(CPR, { id }, investor)).data.cpr.status).toBe('ACTIVE');
    expect((await m.gql(CPR, { id }, { id: randomUUID(), role: 'INVESTOR' })).data.cpr).toBeNull();
    for (const number of [1, 2]) {
      await m.publish(WalletEvents.PaymentConfirmed, id, {
        paymentId: randomUUID(),
        cprId: id,
        issuerId: producer.id,
        installmentNumber: number,
        amount: '500000',
        paidAt: new Date().toISOString(),
      });
    }
    const settled = await eventually(
      () => m.gql(CPR, { id }, admin),
      (r) => r.data.cpr.status === 'SETTLED',
    );
    expect(settled.data.cpr.installments.map((i: { status: string }) => i.status)).toEqual(['PAID', 'PAID']);
  });

  it('pages CPRs with a stable cursor and counts them, hiding drafts from others', async () => {
    const first = await m.gql(
      `{ cprs(first: 2, filter: { status: OPEN }) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      { id: randomUUID(), role: 'INVESTOR' },
    );
    const page = first.data.cprs;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await m.gql(
      `query ($after: String) { cprs(first: 2, after: $after, filter: { status: OPEN }) { edges { node { id } } } }`,
      { after: page.pageInfo.endCursor },
      { id: randomUUID(), role: 'INVESTOR' },
    );
    const ids = [...page.edges, ...next.data.cprs.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(ids.length);
    const drafts = await m.gql(
      `{ cprs(filter: { status: DRAFT }) { totalCount } }`,
      {},
      { id: randomUUID(), role: 'INVESTOR' },
    );
    expect(drafts.data.cprs.totalCount).toBe(0);
    const bad = await m.gql(`{ cprs(after: "not-a-cursor") { totalCount } }`, {}, analyst);
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const stats = await m.gql(
      `{ marketplaceStats { totalRaised { amount } defaultRate byCommodityAndStatus { commodity status offerCount } } }`,
      {},
      analyst,
    );
    expect(stats.data.marketplaceStats.byCommodityAndStatus.some((s: { status: string }) => s.status === 'OPEN')).toBe(
      true,
    );
    const denied = await m.gql(`{ marketplaceStats { defaultRate } }`, {}, { id: randomUUID(), role: 'INVESTOR' });
    expect(denied.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
