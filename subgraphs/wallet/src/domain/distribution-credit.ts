import { available, system } from './ledger-account.js';
import type { Posting } from './ledger-transaction.js';

/** A distribution whose lines and fee do not add up to its total: refused, never guessed around. */
export class DistributionMismatchError extends Error {
  override readonly name = 'DistributionMismatchError';
}

export interface DistributionLine {
  investorId: string;
  amount: bigint;
}

/** The payment's money leaves CLEARING: each line to its investor, the fee to FEES. */
export function distributionPostings(total: bigint, fee: bigint, lines: DistributionLine[]): Posting[] {
  const credited = lines.reduce((sum, line) => sum + line.amount, 0n) + fee;
  if (credited !== total) {
    throw new DistributionMismatchError(`lines plus fee add up to ${credited}, the total is ${total}`);
  }
  return [
    { account: system('CLEARING'), amount: -total },
    ...lines.map((line) => ({ account: available(line.investorId), amount: line.amount })),
    { account: system('FEES'), amount: fee },
  ];
}
