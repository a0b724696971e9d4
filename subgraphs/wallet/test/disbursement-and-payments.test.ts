import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { completedDistribution, disbursedCpr } from './support/cpr-flow.js';
import { balance, fund, handled, HEALTHY_LEDGER, ledgerInvariants, outboxed } from './support/ledger-helpers.js';
import { admin, errorCode, investor, startTestWallet, type TestWallet } from './support/test-wallet.js';

const PAY = `mutation ($cprId: ID!, $n: Int!) { payInstallment(cprId: $cprId, number: $n) {
  id cpr { id } installmentNumber amount { amount } lateCharges { amount } status paidAt } }`;
const PAYMENT = 'query ($id: ID!) { payment(id: $id) { id amount { amount } cpr { id } } }';
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id installmentNumber } } }`;

describe('disbursement, installment payments and distribution credits (real PostgreSQL and JetStream)', () => {
  let wallet: TestWallet;
  beforeAll(async () => {
    wallet = await startTestWallet();
  });
  afterAll(async () => {
    await wallet.stop();
  });

  const ledgerTransactions = async () =>
    Number((await wallet.sql<{ n: string }>('select count(*) as n from ledger_transactions'))[0]!.n);

  it('moves the escrow to the issuer minus the 3% origination fee (rounded half-up), once', async () => {
    const feesBefore = await balance(wallet, 'system:FEES');
    const cpr = await disbursedCpr(wallet, { holdings: [100_000n, 23_457n] }); // R$ 1,234.57
    // 3% of 123,457 centavos = 3,703.71 → 3,704
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(123_457n - 3_704n);
    expect((await balance(wallet, 'system:FEES')) - feesBefore).toBe(3_704n);
    for (const h of cpr.holders) expect(await balance(wallet, `escrow:${h.investmentId}`)).toBe(0n);

    // The same disbursement again under a new event id: the idempotency key stops it.
    const count = await ledgerTransactions();
    const again = await wallet.publish(MarketplaceEvents.CprDisbursed, cpr.cprId, cpr.event);
    await handled(wallet, 'disburse-on-cpr-disbursed', again);
    expect(await ledgerTransactions()).toBe(count);
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(123_457n - 3_704n);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('lets exactly one of 20 concurrent payments of one installment through, debiting once', async () => {
    const cpr = await disbursedCpr(wallet);
    const before = await balance(wallet, `available:${cpr.issuer.id}`);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer)),
    );
    const paid = results.filter((r) => !r.errors);
    expect(paid).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(19);
    expect(paid[0]!.data.payInstallment).toMatchObject({
      cpr: { id: cpr.cprId },
      installmentNumber: 1,
      amount: { amount: '500.00' },
      lateCharges: { amount: '0.00' },
      status: 'CONFIRMED',
    });
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(before - 50_000n);
    const payments = await wallet.sql('select id from payments where cpr_id = ?', [cpr.cprId]);
    expect(payments).toHaveLength(1);
    const debits = await wallet.sql(
      `select 1 from ledger_transactions where kind = 'INSTALLMENT_PAYMENT' and cpr_id = ?`,
      [cpr.cprId],
    );
    expect(debits).toHaveLength(1);
    const confirmed = (await outboxed(wallet, WalletEvents.PaymentConfirmed.subject)).filter(
      (e) => e['cprId'] === cpr.cprId,
    );
    expect(confirmed).toEqual([
      {
        paymentId: paid[0]!.data.payInstallment.id,
        cprId: cpr.cprId,
        issuerId: cpr.issuer.id,
        installmentNumber: 1,
        amount: '50000',
        paidAt: paid[0]!.data.payInstallment.paidAt,
      },
    ]);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('adds the fine and the pro rata interest to a LATE installment', async () => {
    const cpr = await disbursedCpr(wallet, { installments: [{ dueInDays: 5, amount: 50_000n }] });
    wallet.clock.offsetDays = 14.5; // 9.5 days past due: 10 started days
    try {
      const result = await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer);
      // R$ 500.00 + 2% fine (10.00) + 1% a month × 10/30 days (1.666… → 1.67)
      expect(result.data.payInstallment).toMatchObject({
        amount: { amount: '511.67' },
        lateCharges: { amount: '11.67' },
      });
      const [row] = await wallet.sql<{ late_fine: string; late_interest: string }>(
        'select late_fine, late_interest from payments where cpr_id = ?',
        [cpr.cprId],
      );
      expect(row).toEqual({ late_fine: '1000', late_interest: '167' });
      expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(97_000n - 51_167n);
    } finally {
      wallet.clock.offsetDays = 0;
    }
  });

  it('refuses bad payments with clear codes and changes nothing', async () => {
    const cpr = await disbursedCpr(wallet, { installments: [{ dueInDays: 30, amount: 97_001n }] });
    const stranger = investor();
    await fund(wallet, stranger, '5000');
    const count = await ledgerTransactions();
    const cases: [unknown, string][] = [
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, stranger), 'FORBIDDEN'],
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.holders[0]!.who), 'FORBIDDEN'],
      [await wallet.graphql(PAY, { cprId: randomUUID(), n: 1 }, cpr.issuer), 'NOT_FOUND'],
      [await wallet.graphql(PAY, { cprId: 'not-a-cpr', n: 1 }, cpr.issuer), 'NOT_FOUND'],
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: 2 }, cpr.issuer), 'NOT_FOUND'],
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: -1 }, cpr.issuer), 'BAD_USER_INPUT'],
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer), 'INSUFFICIENT_FUNDS'], // R$ 970.00 < R$ 970.01
      [await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }), 'UNAUTHENTICATED'],
    ];
    expect(cases.map(([r]) => errorCode(r as never))).toEqual(cases.map(([, code]) => code));
    expect(await ledgerTransactions()).toBe(count);
    expect(await wallet.sql('select 1 from payments where cpr_id = ?', [cpr.cprId])).toHaveLength(0);
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(97_000n);

    await fund(wallet, cpr.issuer, '0.01');
    expect(errorCode(await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer))).toBeUndefined();
    expect(errorCode(await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer))).toBe('CONFLICT');
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(0n);
  });

  it("shows a payment to the CPR's issuer, its investors and ADMINs, and to nobody else", async () => {
    const cpr = await disbursedCpr(wallet);
    const { data } = await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer);
    const id = data.payInstallment.id as string;
    for (const viewer of [cpr.issuer, cpr.holders[0]!.who, cpr.holders[1]!.who, admin()]) {
      const seen = await wallet.graphql(PAYMENT, { id }, viewer);
      expect(seen.data.payment).toEqual({ id, amount: { amount: '500.00' }, cpr: { id: cpr.cprId } });
    }
    expect((await wallet.graphql(PAYMENT, { id }, investor())).data.payment).toBeNull();
    // Several ids in one request (one statement for the batch): each decided on its own.
    const both = await wallet.graphql(
      'query ($a: ID!, $b: ID!) { a: payment(id: $a) { id } b: payment(id: $b) { id } }',
      { a: id, b: randomUUID() },
      cpr.holders[0]!.who,
    );
    expect(both.data).toEqual({ a: { id }, b: null });
    // Concurrent viewers' lookups share one statement (batched-payment-rights.ts); each gets its own answer.
    const viewers = [cpr.issuer, investor(), cpr.holders[0]!.who, investor(), admin()];
    const answers = await Promise.all(viewers.map((viewer) => wallet.graphql(PAYMENT, { id }, viewer)));
    expect(answers.map((answer) => answer.data.payment?.id ?? null)).toEqual([id, null, id, null, id]);
    expect((await wallet.graphql(PAYMENT, { id: 'nope' }, admin())).data.payment).toBeNull();
    expect(errorCode(await wallet.graphql(PAYMENT, { id }))).toBe('UNAUTHENTICATED');
    const representations = [id, randomUUID()].map((paymentId) => ({ __typename: 'Payment', id: paymentId }));
    const entities = await wallet.graphql(ENTITIES, { r: representations }, cpr.holders[0]!.who);
    expect(entities.data._entities).toEqual([{ id, installmentNumber: 1 }, null]);
  });

  it('credits a distribution from CLEARING to each investor and FEES once, publishing wallet.distribution.credited', async () => {
    const cpr = await disbursedCpr(wallet, { holdings: [66_667n, 33_333n] });
    const { data } = await wallet.graphql(PAY, { cprId: cpr.cprId, n: 1 }, cpr.issuer);
    const clearing = await balance(wallet, 'system:CLEARING');
    const fees = await balance(wallet, 'system:FEES');
    const { contract, data: distribution } = completedDistribution(
      cpr,
      { id: data.payInstallment.id, amount: 50_000n, number: 1 },
      100n,
    );
    const first = await wallet.publish(contract, distribution.distributionId, distribution);
    const second = await wallet.publish(contract, distribution.distributionId, distribution); // a new event id
    await handled(wallet, 'credit-investors-on-distribution-completed', first);
    await handled(wallet, 'credit-investors-on-distribution-completed', second);
    for (const [i, line] of distribution.lines.entries()) {
      expect(await balance(wallet, `available:${cpr.holders[i]!.who.id}`)).toBe(BigInt(line.amount));
    }
    expect(await balance(wallet, 'system:CLEARING')).toBe(clearing - 50_000n);
    expect((await balance(wallet, 'system:FEES')) - fees).toBe(100n);
    const credited = (await outboxed(wallet, WalletEvents.DistributionCredited.subject)).filter(
      (e) => e['distributionId'] === distribution.distributionId,
    );
    expect(credited).toEqual([
      {
        distributionId: distribution.distributionId,
        paymentId: data.payInstallment.id,
        cprId: cpr.cprId,
        installmentNumber: 1,
        credits: distribution.lines,
      },
    ]);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });
});
