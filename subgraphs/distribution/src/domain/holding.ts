/** A CPR as this subgraph knows it once disbursed: whose it is and what it raised. */
export interface DisbursedCpr {
  id: string;
  issuerId: string;
  /** Centavos raised; equals the sum of the holdings. */
  fundedAmount: bigint;
  disbursedAt: Date;
}

/** One investment in a disbursed CPR. Fixed from disbursement on: CPR parts are not traded. */
export interface Holding {
  cprId: string;
  investmentId: string;
  investorId: string;
  /** Centavos invested. */
  amount: bigint;
  investedAt: Date;
}

/** A disbursement whose holdings do not add up: refused, never guessed around. */
export class InconsistentHoldingsError extends Error {
  override readonly name = 'InconsistentHoldingsError';
}

/** Checks what marketplace announced before it becomes the basis of every split of the CPR. */
export function checkHoldings(cpr: DisbursedCpr, holdings: readonly Holding[]): void {
  if (holdings.length === 0) throw new InconsistentHoldingsError(`CPR ${cpr.id} was disbursed without holdings`);
  let sum = 0n;
  for (const holding of holdings) {
    if (holding.cprId !== cpr.id)
      throw new InconsistentHoldingsError(`holding ${holding.investmentId} is not of ${cpr.id}`);
    if (holding.amount <= 0n) throw new InconsistentHoldingsError(`holding ${holding.investmentId} is not positive`);
    sum += holding.amount;
  }
  if (sum !== cpr.fundedAmount) {
    throw new InconsistentHoldingsError(`holdings add up to ${sum}, the funded amount is ${cpr.fundedAmount}`);
  }
}
