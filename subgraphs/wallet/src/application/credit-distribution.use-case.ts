import { DistributionMismatchError, distributionPostings } from '../domain/distribution-credit.js';
import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { balancedTransaction } from '../domain/ledger-transaction.js';
import type { EventUseCaseDeps } from './reserve-funds.use-case.js';

export interface CompletedDistribution {
  distributionId: string;
  paymentId: string;
  cprId: string;
  installmentNumber: number;
  total: bigint;
  fee: bigint;
  lines: { investorId: string; amount: bigint }[];
}

/**
 * A payment was split: its money leaves CLEARING, each line to its investor's available
 * balance and the fee to FEES, once; then `wallet.distribution.credited` is published.
 */
export class CreditDistribution {
  constructor(private readonly deps: EventUseCaseDeps) {}

  /** Returns false when the distribution had been credited already. */
  execute(distribution: CompletedDistribution): Promise<boolean> {
    return this.deps.uow.run(async (tx) => {
      const payment = await tx.payments.findById(distribution.paymentId);
      if (!payment) throw new DistributionMismatchError(`unknown payment ${distribution.paymentId}`);
      if (payment.amount !== distribution.total) {
        throw new DistributionMismatchError(`total ${distribution.total} is not the payment's ${payment.amount}`);
      }
      const posted = await tx.ledger.post(
        balancedTransaction(
          {
            id: this.deps.ids.newId(),
            kind: 'DISTRIBUTION',
            idempotencyKey: IdempotencyKey.distribution(distribution.distributionId),
            reference: distribution.distributionId,
            cprId: distribution.cprId,
            createdAt: this.deps.clock.now(),
          },
          distributionPostings(distribution.total, distribution.fee, distribution.lines),
        ),
      );
      if (posted === 'duplicate') return false;
      await tx.events.distributionCredited({
        distributionId: distribution.distributionId,
        paymentId: distribution.paymentId,
        cprId: distribution.cprId,
        installmentNumber: distribution.installmentNumber,
        credits: distribution.lines.filter((line) => line.amount > 0n),
      });
      return true;
    });
  }
}
