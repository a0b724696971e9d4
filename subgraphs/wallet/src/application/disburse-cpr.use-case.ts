import { disburse } from '../domain/disbursement.js';
import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { balancedTransaction } from '../domain/ledger-transaction.js';
import type { Holding, ScheduledInstallment } from '../domain/wallet-cpr.js';
import type { EventUseCaseDeps } from './reserve-funds.use-case.js';

export interface CprDisbursement {
  cprId: string;
  issuerId: string;
  fundedAmount: bigint;
  holdings: Omit<Holding, 'cprId'>[];
  installments: Omit<ScheduledInstallment, 'cprId'>[];
}

/** Thrown when the wallet cannot apply a disbursement as described: it goes to operators. */
export class DisbursementRefusedError extends Error {
  override readonly name = 'DisbursementRefusedError';
}

/**
 * A CPR was disbursed: every holding's escrow goes to the issuer minus the origination
 * fee, which goes to FEES, once; and the wallet keeps the CPR, its holders and its
 * schedule, so the issuer can pay installments and holders can see payments.
 */
export class DisburseCpr {
  constructor(private readonly deps: EventUseCaseDeps & { originationFeeBps: number }) {}

  /** Returns the origination fee taken, or null when the CPR was already disbursed. */
  execute(event: CprDisbursement): Promise<bigint | null> {
    return this.deps.uow.run(async (tx) => {
      const known = await tx.cprs.find(event.cprId);
      if (known?.status === 'ACTIVE') return null;
      if (known?.status === 'CANCELLED') throw new DisbursementRefusedError(`CPR ${event.cprId} was cancelled`);
      const now = this.deps.clock.now();
      const holdings = event.holdings.map((h) => ({ ...h, cprId: event.cprId }));
      const { fee, postings } = disburse(event.issuerId, event.fundedAmount, holdings, this.deps.originationFeeBps);
      const transaction = balancedTransaction(
        {
          id: this.deps.ids.newId(),
          kind: 'DISBURSEMENT',
          idempotencyKey: IdempotencyKey.disburse(event.cprId),
          reference: event.cprId,
          cprId: event.cprId,
          createdAt: now,
        },
        postings,
      );
      // An escrow short of its holding throws InsufficientFundsError: the event is retried
      // (its reservation may still be on the way), then dead-lettered for operators.
      if ((await tx.ledger.post(transaction)) === 'duplicate') return null;
      await tx.reservations.setStatus(
        holdings.map((h) => h.investmentId),
        'DISBURSED',
        now,
      );
      await tx.cprs.addDisbursed(
        {
          id: event.cprId,
          issuerId: event.issuerId,
          status: 'ACTIVE',
          fundedAmount: event.fundedAmount,
          originationFee: fee,
          updatedAt: now,
        },
        holdings,
        event.installments.map((i) => ({ ...i, cprId: event.cprId })),
      );
      return fee;
    });
  }
}
