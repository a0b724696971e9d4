import { distributionFee } from './distribution-fee.js';
import { checkHoldings, type DisbursedCpr, type Holding } from './holding.js';
import { stakesByInvestor } from './investor-stakes.js';
import { splitByLargestRemainder } from './largest-remainder.js';

/** What one investor receives from one payment. */
export interface DistributionLine {
  investorId: string;
  amount: bigint;
}

/** An installment payment split among the CPR's investors. One per payment. */
export interface Distribution {
  id: string;
  paymentId: string;
  cprId: string;
  installmentNumber: number;
  /** The payment's amount, in centavos. */
  total: bigint;
  fee: bigint;
  /** One per investor, in split priority; they add up to `total - fee` exactly. */
  lines: DistributionLine[];
  createdAt: Date;
}

/** A confirmed installment payment (wallet's PagamentoConfirmado). */
export interface ConfirmedPayment {
  paymentId: string;
  cprId: string;
  issuerId: string;
  installmentNumber: number;
  amount: bigint;
}

/** A payment that cannot be split against the CPR it names: refused, never guessed around. */
export class PaymentMismatchError extends Error {
  override readonly name = 'PaymentMismatchError';
}

/**
 * Splits a payment among the CPR's investors: the fee first (see distributionFee), then
 * `total - fee` pro rata by amount held, per investor, by the largest-remainder method
 * in centavos, ties going to the earlier first investment, then the lower investment id.
 */
export function planDistribution(input: {
  id: string;
  payment: ConfirmedPayment;
  cpr: DisbursedCpr;
  holdings: readonly Holding[];
  feeBps: number;
  at: Date;
}): Distribution {
  const { payment, cpr } = input;
  if (payment.cprId !== cpr.id) throw new PaymentMismatchError(`payment ${payment.paymentId} is not of CPR ${cpr.id}`);
  if (payment.issuerId !== cpr.issuerId) {
    throw new PaymentMismatchError(`payment ${payment.paymentId} names another issuer than CPR ${cpr.id}'s`);
  }
  if (payment.amount <= 0n) throw new PaymentMismatchError(`payment ${payment.paymentId} is not positive`);
  checkHoldings(cpr, input.holdings);
  const fee = distributionFee(payment.amount, input.feeBps);
  const stakes = stakesByInvestor(input.holdings);
  const amounts = splitByLargestRemainder(
    payment.amount - fee,
    stakes.map((stake) => stake.amount),
  );
  return {
    id: input.id,
    paymentId: payment.paymentId,
    cprId: cpr.id,
    installmentNumber: payment.installmentNumber,
    total: payment.amount,
    fee,
    lines: stakes.map((stake, i) => ({ investorId: stake.investorId, amount: amounts[i]! })),
    createdAt: input.at,
  };
}
