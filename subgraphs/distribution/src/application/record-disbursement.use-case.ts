import { checkHoldings, type DisbursedCpr, type Holding } from '../domain/holding.js';
import type { UnitOfWork } from './ports.js';

/**
 * `marketplace.cpr.disbursed`: remembers who holds how much of the CPR, the basis of
 * every later split. Idempotent: a CPR already recorded is left as it is.
 */
export class RecordDisbursement {
  constructor(private readonly uow: UnitOfWork) {}

  /** Returns false when the CPR had been recorded already. */
  execute(cpr: DisbursedCpr, holdings: Holding[]): Promise<boolean> {
    checkHoldings(cpr, holdings);
    return this.uow.run((tx) => tx.cprs.recordDisbursed(cpr, holdings));
  }
}
