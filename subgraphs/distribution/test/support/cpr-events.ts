import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents, type EventData } from '@peerseed/shared';
import { investor, producer, type Caller } from './test-distribution.js';

export interface Holder {
  who: Caller;
  investmentId: string;
  amount: bigint;
  investedAt: Date;
}

export interface TestCpr {
  cprId: string;
  issuer: Caller;
  holders: Holder[];
  /** Marketplace's `marketplace.cpr.disbursed`. */
  disbursed: EventData<typeof MarketplaceEvents.CprDisbursed>;
}

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/**
 * A disbursed CPR as marketplace announces it: holdings of `amounts`, invested a minute
 * apart in that order (a holder may appear twice through `sameInvestorAs`).
 */
export function testCpr(amounts: bigint[] = [60_000n, 40_000n], sameInvestorAs: Record<number, number> = {}): TestCpr {
  const cprId = randomUUID();
  const issuer = producer();
  const holders: Holder[] = [];
  amounts.forEach((amount, i) => {
    const same = sameInvestorAs[i];
    holders.push({
      who: same === undefined ? investor() : holders[same]!.who,
      investmentId: randomUUID(),
      amount,
      investedAt: new Date(T0 + i * 60_000),
    });
  });
  const fundedAmount = amounts.reduce((sum, a) => sum + a, 0n);
  return {
    cprId,
    issuer,
    holders,
    disbursed: {
      cprId,
      issuerId: issuer.id,
      fundedAmount: fundedAmount.toString(),
      holdings: holders.map((h) => ({
        investmentId: h.investmentId,
        investorId: h.who.id,
        amount: h.amount.toString(),
        investedAt: h.investedAt.toISOString(),
      })),
      installments: [{ number: 1, dueDate: new Date(T0 + 90 * 86_400_000).toISOString(), amount: '50000' }],
    },
  };
}

/** The wallet's `wallet.payment.confirmed` for an installment of `cpr`. */
export function paymentConfirmed(
  cpr: TestCpr,
  amount: bigint,
  installmentNumber = 1,
): EventData<typeof WalletEvents.PaymentConfirmed> {
  return {
    paymentId: randomUUID(),
    cprId: cpr.cprId,
    issuerId: cpr.issuer.id,
    installmentNumber,
    amount: amount.toString(),
    paidAt: new Date().toISOString(),
  };
}
