import type { Holding } from './holding.js';

/** What one investor holds in a CPR, all their investments in it together. */
export interface InvestorStake {
  investorId: string;
  amount: bigint;
  /** Their earliest investment in the CPR: it decides ties in the split. */
  firstInvestedAt: Date;
  firstInvestmentId: string;
}

/** Earlier investment first, then the lower investment id. */
const earlier = (a: { at: Date; id: string }, b: { at: Date; id: string }) =>
  a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One stake per investor (an investor who invested twice gets one line, rounded once),
 * in split priority: earliest first investment first, then its investment id.
 */
export function stakesByInvestor(holdings: readonly Holding[]): InvestorStake[] {
  const byInvestor = new Map<string, InvestorStake>();
  for (const h of holdings) {
    const stake = byInvestor.get(h.investorId);
    if (!stake) {
      byInvestor.set(h.investorId, {
        investorId: h.investorId,
        amount: h.amount,
        firstInvestedAt: h.investedAt,
        firstInvestmentId: h.investmentId,
      });
      continue;
    }
    stake.amount += h.amount;
    const current = { at: stake.firstInvestedAt, id: stake.firstInvestmentId };
    if (earlier({ at: h.investedAt, id: h.investmentId }, current) < 0) {
      stake.firstInvestedAt = h.investedAt;
      stake.firstInvestmentId = h.investmentId;
    }
  }
  return [...byInvestor.values()].sort((a, b) =>
    earlier({ at: a.firstInvestedAt, id: a.firstInvestmentId }, { at: b.firstInvestedAt, id: b.firstInvestmentId }),
  );
}
