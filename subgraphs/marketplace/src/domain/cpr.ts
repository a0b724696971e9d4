import { ConflictError, formatCentavos, ValidationError } from '@peerseed/shared/domain';
import { assertTransition, CprStatus } from './cpr-status.js';
import type { Installment } from './installment-schedule.js';

export const Commodities = ['SOY', 'CORN', 'COFFEE', 'CATTLE', 'SUGARCANE', 'COTTON', 'WHEAT'] as const;
export type Commodity = (typeof Commodities)[number];
export const CommodityUnits = ['SACA_60KG', 'ARROBA', 'TON'] as const;
export type CommodityUnit = (typeof CommodityUnits)[number];

/** A CPR offering. Money in centavos; `annualRateBps` in basis points (14.50% = 1450); quantity in 1/10,000 units. */
export interface Cpr {
  id: string;
  code: string;
  issuerId: string;
  title: string;
  commodity: Commodity;
  quantity: bigint;
  unit: CommodityUnit;
  targetAmount: bigint;
  minimumAmount: bigint;
  /** Sum of CONFIRMED investments. */
  fundedAmount: bigint;
  /** Sum of PENDING investments: capacity held while the wallet answers. */
  pendingAmount: bigint;
  annualRateBps: number;
  fundingDeadline: Date;
  maturityDate: Date;
  installmentCount: number;
  status: CprStatus;
  createdAt: Date;
  openedAt: Date | null;
  disbursedAt: Date | null;
  installments: Installment[];
}

/** CVM Resolution 88 and Peerseed's own limits, all configurable. */
export interface OfferRules {
  /** minimumAmount ≥ target × numerator / denominator (2/3). */
  minimumFraction: { numerator: bigint; denominator: bigint };
  maxOfferDays: number;
  maxInstallments: number;
  maxAnnualRateBps: number;
  /** Least centavos per installment of the minimum (R$ 1.00): the wallet cannot post a payment of 0. */
  minInstallmentCentavos: bigint;
}

export const DEFAULT_OFFER_RULES: OfferRules = {
  minimumFraction: { numerator: 2n, denominator: 3n },
  maxOfferDays: 180,
  maxInstallments: 60,
  maxAnnualRateBps: 10_000,
  minInstallmentCentavos: 100n,
};

const DAY_MS = 86_400_000;

/** Validates the terms of a new offer; every problem is BAD_USER_INPUT naming its field. */
export function assertValidTerms(
  cpr: Pick<
    Cpr,
    | 'title'
    | 'quantity'
    | 'targetAmount'
    | 'minimumAmount'
    | 'annualRateBps'
    | 'fundingDeadline'
    | 'maturityDate'
    | 'installmentCount'
  >,
  now: Date,
  rules: OfferRules,
): void {
  const title = cpr.title.trim();
  if (title.length < 3 || title.length > 140)
    throw new ValidationError('Title must have between 3 and 140 characters', 'title');
  if (cpr.quantity <= 0n) throw new ValidationError('Quantity must be greater than zero', 'quantity');
  if (cpr.minimumAmount > cpr.targetAmount)
    throw new ValidationError('The minimum cannot exceed the target', 'minimumAmount');
  const { numerator, denominator } = rules.minimumFraction;
  if (cpr.minimumAmount * denominator < cpr.targetAmount * numerator) {
    throw new ValidationError(
      `The minimum must be at least ${numerator}/${denominator} of the target (CVM Resolution 88)`,
      'minimumAmount',
    );
  }
  if (cpr.annualRateBps < 0 || cpr.annualRateBps > rules.maxAnnualRateBps) {
    throw new ValidationError(`The annual rate must be between 0 and ${rules.maxAnnualRateBps / 100}%`, 'annualRate');
  }
  if (cpr.fundingDeadline.getTime() <= now.getTime())
    throw new ValidationError('The funding deadline must be in the future', 'fundingDeadline');
  if (cpr.fundingDeadline.getTime() - now.getTime() > rules.maxOfferDays * DAY_MS) {
    throw new ValidationError(
      `An offer stays open at most ${rules.maxOfferDays} days (CVM Resolution 88)`,
      'fundingDeadline',
    );
  }
  if (cpr.maturityDate.getTime() <= cpr.fundingDeadline.getTime()) {
    throw new ValidationError('The maturity date must come after the funding deadline', 'maturityDate');
  }
  if (
    !Number.isInteger(cpr.installmentCount) ||
    cpr.installmentCount < 1 ||
    cpr.installmentCount > rules.maxInstallments
  ) {
    throw new ValidationError(`Installments must be between 1 and ${rules.maxInstallments}`, 'installmentCount');
  }
  // The minimum is the smallest principal that can be disbursed; split too thin, the schedule
  // has installments of 0 centavos, which the wallet cannot post, so the CPR could never settle.
  const leastMinimum = BigInt(cpr.installmentCount) * rules.minInstallmentCentavos;
  if (cpr.minimumAmount < leastMinimum) {
    throw new ValidationError(
      `The minimum must be at least R$ ${formatCentavos(rules.minInstallmentCentavos)} per installment: ` +
        `R$ ${formatCentavos(leastMinimum)} for ${cpr.installmentCount} installments`,
      'minimumAmount',
    );
  }
}

/** Moves the CPR to `to`, or CONFLICT when the state machine forbids it. */
export function transition(cpr: Cpr, to: CprStatus, action: string): void {
  assertTransition(cpr.status, to, action);
  cpr.status = to;
}

/**
 * Disbursement pays out confirmed investments only: one still awaiting the wallet would be
 * left out of the holdings with its escrow never released, so it must be settled first.
 */
export function assertNothingPending(cpr: Cpr, action: string): void {
  if (cpr.pendingAmount > 0n) {
    throw new ConflictError(
      `Cannot ${action}: investments of R$ ${formatCentavos(cpr.pendingAmount)} still await the wallet's answer`,
      { pendingCentavos: cpr.pendingAmount.toString() },
    );
  }
}

/** What is still open for new investments (pending requests hold their share). */
export const remainingCapacity = (cpr: Cpr): bigint => cpr.targetAmount - cpr.fundedAmount - cpr.pendingAmount;

/** At the deadline an offer that reached its minimum is FUNDED; otherwise it is CANCELLED and refunded. */
export function outcomeAtDeadline(cpr: Cpr): 'FUNDED' | 'CANCELLED' {
  return cpr.fundedAmount >= cpr.minimumAmount && cpr.fundedAmount > 0n ? 'FUNDED' : 'CANCELLED';
}
