// The one class the application layer takes from the kit's main entry (it otherwise keeps to
// @peerseed/shared/domain, free of frameworks): being the consumer's "came too early" error
// lets the consumer retry this one for minutes with no mapping in between.
import { EventArrivedEarlyError } from '@peerseed/shared';
import { planDistribution, type ConfirmedPayment, type Distribution } from '../domain/distribution.js';
import type { Clock, IdGenerator, UnitOfWork } from './ports.js';

/**
 * The payment names a CPR whose disbursement has not reached this subgraph yet (events
 * of different streams may arrive out of order). Transient: the consumer retries with
 * backoff, and the split never runs against missing holdings.
 */
export class DisbursementNotYetKnownError extends EventArrivedEarlyError {
  override readonly name = 'DisbursementNotYetKnownError';
}

export interface DistributePaymentDeps {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  /** The distribution fee, in basis points of the payment (DISTRIBUTION_FEE_BPS). */
  feeBps: number;
}

/**
 * A confirmed payment → one distribution among the CPR's investors, stored with its lines
 * and `distribution.distribution.completed` in one transaction. One per payment: a
 * payment already distributed is left as it is (and announced no second time).
 */
export class DistributePayment {
  constructor(private readonly deps: DistributePaymentDeps) {}

  /** The new distribution, or null when the payment had been distributed already. */
  execute(payment: ConfirmedPayment): Promise<Distribution | null> {
    return this.deps.uow.run(async (tx) => {
      const cpr = await tx.cprs.find(payment.cprId);
      if (!cpr) throw new DisbursementNotYetKnownError(`CPR ${payment.cprId} is not known to be disbursed yet`);
      // Checked first so a redelivered payment does not read every holding again.
      if (await tx.distributions.existsForPayment(payment.paymentId)) return null;
      const distribution = planDistribution({
        id: this.deps.ids.newId(),
        payment,
        cpr,
        holdings: await tx.cprs.holdingsOf(cpr.id),
        feeBps: this.deps.feeBps,
        at: this.deps.clock.now(),
      });
      if ((await tx.distributions.add(distribution)) === 'exists') return null;
      await tx.events.completed(distribution);
      return distribution;
    });
  }
}
