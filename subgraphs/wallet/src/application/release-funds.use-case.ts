import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { available, escrow } from '../domain/ledger-account.js';
import { balancedTransaction, transfer } from '../domain/ledger-transaction.js';
import type { Reservation } from '../domain/reservation.js';
import type { EventUseCaseDeps, InvestmentRequest } from './reserve-funds.use-case.js';
import type { WalletTransaction } from './ports.js';

/**
 * Escrow back to available: for one cancelled investment, or for every investment still
 * in escrow when the whole offer is cancelled. Both use the investment's release key, so
 * whichever event arrives first releases and the other finds nothing left to do.
 */
export class ReleaseFunds {
  constructor(private readonly deps: EventUseCaseDeps) {}

  /** Returns how many centavos went back to the investor (0 when nothing was in escrow). */
  investment(cancelled: InvestmentRequest): Promise<bigint> {
    return this.deps.uow.run(async (tx) => {
      let reservation = await tx.reservations.findForUpdate(cancelled.investmentId);
      if (!reservation) {
        // The cancellation overtook the request: remember it, so the late request reserves nothing.
        const now = this.deps.clock.now();
        const claim = await tx.reservations.claim({ ...cancelled, status: 'RELEASED', createdAt: now, updatedAt: now });
        if (claim.added) return 0n;
        // A reservation committed since the read above (the claim waited for it): release it.
        reservation = claim.existing;
      }
      return reservation.status === 'RESERVED' ? this.release(tx, reservation) : 0n;
    });
  }

  /** Returns how many reservations were released. */
  cpr(cprId: string, issuerId: string): Promise<number> {
    return this.deps.uow.run(async (tx) => {
      await tx.cprs.recordCancelled(cprId, issuerId, this.deps.clock.now());
      const reserved = await tx.reservations.reservedForCprForUpdate(cprId);
      for (const reservation of reserved) await this.release(tx, reservation);
      return reserved.length;
    });
  }

  private async release(tx: WalletTransaction, reservation: Reservation): Promise<bigint> {
    const now = this.deps.clock.now();
    const posted = await tx.ledger.post(
      balancedTransaction(
        {
          id: this.deps.ids.newId(),
          kind: 'RELEASE',
          idempotencyKey: IdempotencyKey.release(reservation.investmentId),
          reference: reservation.investmentId,
          cprId: reservation.cprId,
          createdAt: now,
        },
        transfer(
          escrow(reservation.investorId, reservation.investmentId),
          available(reservation.investorId),
          reservation.amount,
        ),
      ),
    );
    await tx.reservations.setStatus([reservation.investmentId], 'RELEASED', now);
    return posted === 'posted' ? reservation.amount : 0n;
  }
}
