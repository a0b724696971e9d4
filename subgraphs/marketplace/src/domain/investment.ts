import { ConflictError, ForbiddenError, ValidationError } from '@peerseed/shared/domain';
import type { Cpr } from './cpr.js';
import { remainingCapacity } from './cpr.js';

export type InvestmentStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED' | 'REFUNDED';

export interface Investment {
  id: string;
  cprId: string;
  investorId: string;
  /** Centavos. */
  amount: bigint;
  status: InvestmentStatus;
  rejectionReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface InvestmentRules {
  /** A retail investor's limit per calendar year across offers (CVM 88): R$ 20,000.00. */
  annualLimit: bigint;
  /** Right of withdrawal after investing (CVM 88). */
  withdrawalDays: number;
}

export const DEFAULT_INVESTMENT_RULES: InvestmentRules = { annualLimit: 2_000_000n, withdrawalDays: 5 };

/** Investments that count against the annual limit: pending and confirmed ones. */
export const countsAgainstLimit = (status: InvestmentStatus) => status === 'PENDING' || status === 'CONFIRMED';

/**
 * Checks a new investment of `amount` in `cpr` by an investor who already has
 * `investedThisYear` pending or confirmed this calendar year.
 */
export function assertCanInvest(
  cpr: Cpr,
  amount: bigint,
  investedThisYear: bigint,
  rules: InvestmentRules,
  now: Date,
): void {
  if (amount <= 0n) throw new ValidationError('The amount must be greater than zero', 'amount');
  if (cpr.status !== 'OPEN')
    throw new ConflictError(`The CPR is ${cpr.status}; only OPEN offers take investments`, { status: cpr.status });
  if (cpr.fundingDeadline.getTime() <= now.getTime())
    throw new ConflictError('The offer has reached its funding deadline');
  const remaining = remainingCapacity(cpr);
  if (amount > remaining) {
    throw new ConflictError(`The offer has ${remaining} centavos left to fund`, {
      remainingCentavos: remaining.toString(),
    });
  }
  if (investedThisYear + amount > rules.annualLimit) {
    throw new ValidationError(
      'This investment exceeds the annual limit of R$ 20.000,00 for retail investors (CVM Resolution 88)',
      'amount',
    );
  }
}

/** The investor withdraws (right of withdrawal): within the window, while the offer is OPEN. */
export function assertCanWithdraw(
  investment: Investment,
  cpr: Cpr,
  callerId: string,
  rules: InvestmentRules,
  now: Date,
): void {
  if (investment.investorId !== callerId) throw new ForbiddenError('Only the investor may cancel an investment');
  if (investment.status !== 'PENDING' && investment.status !== 'CONFIRMED') {
    throw new ConflictError(`The investment is ${investment.status}`);
  }
  if (cpr.status !== 'OPEN') throw new ConflictError('Investments can only be withdrawn while the offer is OPEN');
  if (now.getTime() - investment.createdAt.getTime() > rules.withdrawalDays * 86_400_000) {
    throw new ConflictError(`The ${rules.withdrawalDays}-day withdrawal period is over`);
  }
}

/**
 * The investment is CANCELLED (withdrawn, or left out of an offer that closed FUNDED before the
 * wallet answered): its amount comes off what it held, pendingAmount while PENDING, fundedAmount
 * once CONFIRMED. The caller has checked that this cancellation is allowed and tells the wallet,
 * which releases the escrow.
 */
export function cancelInvestment(investment: Investment, cpr: Cpr, now: Date): void {
  if (investment.status === 'PENDING') cpr.pendingAmount -= investment.amount;
  else if (investment.status === 'CONFIRMED') cpr.fundedAmount -= investment.amount;
  else throw new ConflictError(`The investment is ${investment.status}`);
  investment.status = 'CANCELLED';
  investment.updatedAt = now;
}
