import { divideRoundHalfUp } from './rounding.js';

/** The late-payment rule of design.md: a fine plus interest per day late (all configurable). */
export interface LateChargePolicy {
  /** One-off fine on a late installment, in basis points of its amount (default 200 = 2%). */
  fineBps: number;
  /** Interest per 30-day month, in basis points, charged pro rata die (default 100 = 1% a month). */
  monthlyInterestBps: number;
}

export const DEFAULT_LATE_CHARGE_POLICY: LateChargePolicy = { fineBps: 200, monthlyInterestBps: 100 };

export interface LateCharges {
  /** Days past the due date; a started day counts as a whole one. 0 when on time. */
  daysLate: number;
  fine: bigint;
  interest: bigint;
}

const DAY_MS = 86_400_000;
const BPS = 10_000n;
const DAYS_PER_MONTH = 30n;

/** Whole days past due, counting a started day: 1 ms late is 1 day late. */
export function daysLate(dueDate: Date, at: Date): number {
  const late = at.getTime() - dueDate.getTime();
  return late <= 0 ? 0 : Math.ceil(late / DAY_MS);
}

/**
 * The charges on an installment of `amount` centavos paid at `at`. Simple (not compound)
 * interest on the installment amount, the fine not included in its base. Fine and interest
 * are each rounded half-up to the centavo, so each is the nearest centavo to its exact value:
 *   fine     = amount × fineBps / 10,000
 *   interest = amount × monthlyInterestBps × days / (10,000 × 30)
 */
export function lateChargesAt(
  amount: bigint,
  dueDate: Date,
  at: Date,
  policy = DEFAULT_LATE_CHARGE_POLICY,
): LateCharges {
  const days = daysLate(dueDate, at);
  if (days === 0) return { daysLate: 0, fine: 0n, interest: 0n };
  return {
    daysLate: days,
    fine: divideRoundHalfUp(amount * BigInt(policy.fineBps), BPS),
    interest: divideRoundHalfUp(amount * BigInt(policy.monthlyInterestBps) * BigInt(days), BPS * DAYS_PER_MONTH),
  };
}
