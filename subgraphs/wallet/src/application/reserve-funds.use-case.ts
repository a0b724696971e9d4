import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { available, escrow } from '../domain/ledger-account.js';
import { balancedTransaction, transfer } from '../domain/ledger-transaction.js';
import type { Reservation, ReservationStatus } from '../domain/reservation.js';
import type { Clock, IdGenerator, UnitOfWork, WalletTransaction } from './ports.js';

export interface InvestmentRequest {
  investmentId: string;
  cprId: string;
  investorId: string;
  amount: bigint;
}

export interface EventUseCaseDeps {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
}

/**
 * An investor asked to invest: move the amount from available to the investment's escrow
 * and answer `wallet.funds.reserved`, or answer `wallet.funds.rejected` (INSUFFICIENT_FUNDS)
 * and move nothing. The answer is remembered: asking again for the same investment gets
 * the same answer and moves no money.
 */
export class ReserveFunds {
  constructor(private readonly deps: EventUseCaseDeps) {}

  execute(request: InvestmentRequest): Promise<ReservationStatus> {
    return this.deps.uow.run(async (tx) => {
      const known = await tx.reservations.findForUpdate(request.investmentId);
      if (known) return this.answerAgain(tx, known);
      const now = this.deps.clock.now();
      const reservation = (status: ReservationStatus): Reservation => ({
        ...request,
        status,
        createdAt: now,
        updatedAt: now,
      });
      const answer = await this.decide(tx, request);
      // The read above locked nothing (no row yet): claim the row before moving money. A
      // cancellation that committed since then wins (we move nothing and answer as it says);
      // one still running waits for this row and then releases what we reserve.
      const claim = await tx.reservations.claim(reservation(answer));
      if (!claim.added) return this.answerAgain(tx, claim.existing);
      if (answer === 'REJECTED') await tx.events.fundsRejected(reservation('REJECTED'));
      if (answer !== 'RESERVED') return answer;
      await tx.ledger.post(
        balancedTransaction(
          {
            id: this.deps.ids.newId(),
            kind: 'RESERVATION',
            idempotencyKey: IdempotencyKey.reserve(request.investmentId),
            reference: request.investmentId,
            cprId: request.cprId,
            createdAt: now,
          },
          transfer(available(request.investorId), escrow(request.investorId, request.investmentId), request.amount),
        ),
      );
      await tx.events.fundsReserved(reservation('RESERVED'));
      return 'RESERVED';
    });
  }

  private async decide(tx: WalletTransaction, request: InvestmentRequest): Promise<ReservationStatus> {
    // The offer is gone and marketplace refunds it; reserving now would strand the money.
    if ((await tx.cprs.find(request.cprId))?.status === 'CANCELLED') return 'RELEASED';
    // The row lock keeps the balance from changing between this check and the posting.
    const balance = await tx.ledger.lockBalance(available(request.investorId));
    return balance < request.amount ? 'REJECTED' : 'RESERVED';
  }

  private async answerAgain(tx: WalletTransaction, known: Reservation): Promise<ReservationStatus> {
    if (known.status === 'REJECTED') await tx.events.fundsRejected(known);
    if (known.status === 'RESERVED' || known.status === 'DISBURSED') await tx.events.fundsReserved(known);
    // RELEASED: the investment is already cancelled; marketplace needs no answer.
    return known.status;
  }
}
