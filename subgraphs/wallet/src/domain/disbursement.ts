import { Money } from '@peerseed/shared/domain';
import { available, escrow, system } from './ledger-account.js';
import type { Posting } from './ledger-transaction.js';
import type { Holding } from './wallet-cpr.js';

/** The event's holdings do not add up to its funded amount: a producer bug, never guessed around. */
export class DisbursementMismatchError extends Error {
  override readonly name = 'DisbursementMismatchError';
}

export interface Disbursement {
  /** Origination fee, to FEES. */
  fee: bigint;
  /** fundedAmount − fee, to the issuer's available balance. */
  toIssuer: bigint;
  postings: Posting[];
}

/**
 * Every holding's escrow goes out; the issuer gets the funded amount minus the origination
 * fee (`feeBps` of it, rounded half-up to the centavo), FEES gets the fee.
 */
export function disburse(issuerId: string, fundedAmount: bigint, holdings: Holding[], feeBps: number): Disbursement {
  const held = holdings.reduce((sum, h) => sum + h.amount, 0n);
  if (held !== fundedAmount) {
    throw new DisbursementMismatchError(`holdings add up to ${held}, the funded amount is ${fundedAmount}`);
  }
  const fee = Money.ofCentavos(fundedAmount).multiplyBps(feeBps).centavos;
  const toIssuer = fundedAmount - fee;
  return {
    fee,
    toIssuer,
    postings: [
      ...holdings.map((h) => ({ account: escrow(h.investorId, h.investmentId), amount: -h.amount })),
      { account: available(issuerId), amount: toIssuer },
      { account: system('FEES'), amount: fee },
    ],
  };
}
