import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import {
  balance,
  fund,
  handled,
  HEALTHY_LEDGER,
  ledgerInvariants,
  outboxed,
  walletOf,
} from './support/ledger-helpers.js';
import {
  eventually,
  investor,
  producer,
  startTestWallet,
  type Caller,
  type TestWallet,
} from './support/test-wallet.js';

describe('reservations on marketplace.investment.requested (real PostgreSQL and JetStream)', () => {
  let wallet: TestWallet;
  beforeAll(async () => {
    wallet = await startTestWallet();
  });
  afterAll(async () => {
    await wallet.stop();
  });

  const request = (cprId: string, who: Caller, amount: string, investmentId = randomUUID()) =>
    wallet
      .publish(MarketplaceEvents.InvestmentRequested, investmentId, {
        investmentId,
        cprId,
        investorId: who.id,
        amount,
      })
      .then(() => investmentId);

  const statusOf = async (investmentId: string) =>
    (await wallet.sql<{ status: string }>('select status from reservations where investment_id = ?', [investmentId]))[0]
      ?.status;
  const answered = (ids: string[]) =>
    eventually(async () => {
      const rows = await wallet.sql(
        `select 1 from reservations where investment_id in (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      return rows.length === ids.length;
    }, `answers to ${ids.length} investment requests`);

  it('escrows the amount and answers wallet.funds.reserved, or rejects and moves nothing', async () => {
    const cprId = randomUUID();
    const ana = investor();
    await fund(wallet, ana, '1000');
    // One after the other: handled concurrently, either could be the one that fits.
    const reserved = await request(cprId, ana, '60000');
    await answered([reserved]);
    const rejected = await request(cprId, ana, '40001');
    await answered([rejected]);
    expect(await walletOf(wallet, ana)).toEqual({ available: '400.00', escrowed: '600.00' });
    expect(await statusOf(reserved)).toBe('RESERVED');
    expect(await statusOf(rejected)).toBe('REJECTED');
    expect(await outboxed(wallet, WalletEvents.FundsReserved.subject)).toContainEqual({
      investmentId: reserved,
      cprId,
      investorId: ana.id,
      amount: '60000',
    });
    expect(await outboxed(wallet, WalletEvents.FundsRejected.subject)).toContainEqual({
      investmentId: rejected,
      cprId,
      investorId: ana.id,
      amount: '40001',
      reason: 'INSUFFICIENT_FUNDS',
    });
  });

  it('handles 50 investors investing in one CPR at once: each is escrowed or still available, never negative', async () => {
    const cprId = randomUUID();
    // Even investors can afford R$ 80; odd ones have R$ 50. The first ten also try a second R$ 80 at once.
    const investors = Array.from({ length: 50 }, (_, i) => ({
      who: investor(),
      deposit: i % 2 === 0 ? 10_000n : 5_000n,
    }));
    await Promise.all(investors.map(({ who, deposit }) => fund(wallet, who, (Number(deposit) / 100).toFixed(2))));
    const requests = investors.flatMap(({ who }, i) => [
      { who, i, id: randomUUID() },
      ...(i < 10 ? [{ who, i, id: randomUUID() }] : []),
    ]);
    await Promise.all(requests.map((r) => request(cprId, r.who, '8000', r.id)));
    await answered(requests.map((r) => r.id));

    const statuses = new Map(
      (
        await wallet.sql<{ investment_id: string; status: string }>(
          'select investment_id, status from reservations where cpr_id = ?',
          [cprId],
        )
      ).map((row) => [row.investment_id, row.status]),
    );
    for (const { who, deposit } of investors) {
      const mine = requests.filter((r) => r.who === who).map((r) => statuses.get(r.id));
      const reservedCount = mine.filter((s) => s === 'RESERVED').length;
      expect(reservedCount).toBe(deposit >= 8_000n ? 1 : 0); // a second R$ 80 never fits in R$ 100
      expect(mine.filter((s) => s === 'REJECTED')).toHaveLength(mine.length - reservedCount);
      const available = await balance(wallet, `available:${who.id}`);
      expect(available).toBe(deposit - 8_000n * BigInt(reservedCount));
      expect(available >= 0n).toBe(true);
    }
    const reservedEvents = (await outboxed(wallet, WalletEvents.FundsReserved.subject)).filter(
      (e) => e['cprId'] === cprId,
    );
    const rejectedEvents = (await outboxed(wallet, WalletEvents.FundsRejected.subject)).filter(
      (e) => e['cprId'] === cprId,
    );
    expect(reservedEvents).toHaveLength(25);
    expect(rejectedEvents).toHaveLength(requests.length - 25);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('releases one investment on investment.cancelled and the rest on cpr.cancelled, each once', async () => {
    const cprId = randomUUID();
    const issuer = producer();
    const [ana, bia] = [investor(), investor()];
    await fund(wallet, ana, '100');
    await fund(wallet, bia, '100');
    const withdrawn = await request(cprId, ana, '3000');
    const kept = await request(cprId, bia, '7000');
    await answered([withdrawn, kept]);

    const cancelled = await wallet.publish(MarketplaceEvents.InvestmentCancelled, withdrawn, {
      investmentId: withdrawn,
      cprId,
      investorId: ana.id,
      amount: '3000',
      reason: 'WITHDRAWN',
    });
    await handled(wallet, 'release-funds-on-investment-cancelled', cancelled);
    expect(await walletOf(wallet, ana)).toEqual({ available: '100.00', escrowed: '0.00' });
    expect(await walletOf(wallet, bia)).toEqual({ available: '30.00', escrowed: '70.00' });

    // The offer is cancelled; marketplace also cancels each investment: whichever comes first releases.
    const offerCancelled = await wallet.publish(MarketplaceEvents.CprCancelled, cprId, {
      cprId,
      issuerId: issuer.id,
      reason: 'MINIMUM_NOT_REACHED',
    });
    const refunds = await Promise.all(
      [withdrawn, kept].map((investmentId, i) =>
        wallet.publish(MarketplaceEvents.InvestmentCancelled, investmentId, {
          investmentId,
          cprId,
          investorId: [ana, bia][i]!.id,
          amount: ['3000', '7000'][i]!,
          reason: 'OFFER_CANCELLED',
        }),
      ),
    );
    await handled(wallet, 'release-funds-on-cpr-cancelled', offerCancelled);
    for (const id of refunds) await handled(wallet, 'release-funds-on-investment-cancelled', id);
    expect(await walletOf(wallet, ana)).toEqual({ available: '100.00', escrowed: '0.00' });
    expect(await walletOf(wallet, bia)).toEqual({ available: '100.00', escrowed: '0.00' });
    const releases = await wallet.sql<{ n: string }>(
      `select count(*) as n from ledger_transactions where kind = 'RELEASE' and cpr_id = ?`,
      [cprId],
    );
    expect(releases[0]!.n).toBe('2');

    // A request arriving after the offer was cancelled reserves nothing.
    const late = await request(cprId, ana, '1000');
    await answered([late]);
    expect(await statusOf(late)).toBe('RELEASED');
    expect(await walletOf(wallet, ana)).toEqual({ available: '100.00', escrowed: '0.00' });
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });
});
