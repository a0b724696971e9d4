import { planDistribution, type ConfirmedPayment } from '../../src/domain/distribution.js';
import type { DisbursedCpr, Holding } from '../../src/domain/holding.js';

// Test data for the split: ids are uuids made from small numbers, days count from T0.
export const CPR = '00000000-0000-4000-8000-00000000c0c0';
export const ISSUER = '00000000-0000-4000-8000-0000000015e1';
export const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
export const DAY = 86_400_000;
export const T0 = Date.parse('2026-03-01T12:00:00.000Z');

/** [investor, amount, day invested, investment number] → holdings of CPR. */
export function holdingsOf(rows: [number, bigint, number, number?][]): Holding[] {
  return rows.map(([investor, amount, day, n], i) => ({
    cprId: CPR,
    investmentId: id(1_000_000 + (n ?? i)),
    investorId: id(investor),
    amount,
    investedAt: new Date(T0 + day * DAY),
  }));
}

export function plan(holdings: Holding[], amount: bigint, feeBps = 0) {
  const cpr: DisbursedCpr = {
    id: CPR,
    issuerId: ISSUER,
    fundedAmount: holdings.reduce((sum, h) => sum + h.amount, 0n),
    disbursedAt: new Date(T0 + 30 * DAY),
  };
  const payment: ConfirmedPayment = { paymentId: id(9), cprId: CPR, issuerId: ISSUER, installmentNumber: 1, amount };
  return planDistribution({ id: id(8), payment, cpr, holdings, feeBps, at: new Date(T0 + 60 * DAY) });
}
