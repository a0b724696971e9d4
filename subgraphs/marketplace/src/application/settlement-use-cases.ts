import { transition, outcomeAtDeadline } from '../domain/cpr.js';
import { cancelInvestment } from '../domain/investment.js';
import type { Clock, UnitOfWork } from './ports.js';

/**
 * What time and payments do to offers: closing at the deadline (FUNDED, or CANCELLED
 * with everyone refunded), installments becoming LATE, and PAID/SETTLED when the
 * wallet confirms payments. Safe with several replicas: rows are claimed with
 * SKIP LOCKED and every change re-checks the state it starts from.
 */
export class SettlementUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  /** Closes OPEN offers whose deadline passed; returns how many. */
  closeOffersAtDeadline(batch = 50): Promise<number> {
    return this.uow.run(async (tx) => {
      const due = await tx.cprs.dueForClosing(this.clock.now(), batch);
      for (const cpr of due) {
        if (outcomeAtDeadline(cpr) === 'FUNDED') {
          transition(cpr, 'FUNDED', 'close it as funded');
          // Pending requests that never got an answer no longer hold a share: cancelled, so the
          // wallet releases their escrow and a late reservation confirms nothing (see confirm).
          for (const investment of await tx.investments.byCpr(cpr.id, ['PENDING'])) {
            cancelInvestment(investment, cpr, this.clock.now());
            await tx.investments.save(investment);
            await tx.events.investmentCancelled(investment, 'OFFER_CLOSED');
          }
          await tx.cprs.save(cpr);
          await tx.events.cprFunded(cpr);
          continue;
        }
        transition(cpr, 'CANCELLED', 'cancel it');
        await tx.cprs.save(cpr);
        await tx.events.cprCancelled(cpr, 'MINIMUM_NOT_REACHED');
        for (const investment of await tx.investments.byCpr(cpr.id, ['PENDING', 'CONFIRMED'])) {
          investment.status = 'REFUNDED';
          investment.updatedAt = this.clock.now();
          await tx.investments.save(investment);
          await tx.events.investmentCancelled(investment, 'OFFER_CANCELLED');
        }
      }
      return due.length;
    });
  }

  /** Marks PENDING installments past due as LATE; returns how many. */
  markLateInstallments(batch = 200): Promise<number> {
    return this.uow.run(async (tx) => {
      const due = await tx.cprs.dueInstallments(this.clock.now(), batch);
      for (const { cpr, installment } of due) {
        installment.status = 'LATE';
        await tx.cprs.saveInstallment(cpr.id, installment);
        await tx.events.installmentLate(cpr, installment);
      }
      return due.length;
    });
  }

  /** The wallet confirmed an installment payment: PAID, and SETTLED after the last one. */
  installmentPaid(cprId: string, number: number, paidAt: Date): Promise<void> {
    return this.uow.run(async (tx) => {
      const cpr = await tx.cprs.findByIdForUpdate(cprId);
      if (!cpr) return;
      const installments = (await tx.cprs.installmentsOf([cprId])).get(cprId) ?? [];
      const installment = installments.find((i) => i.number === number);
      if (!installment || installment.status === 'PAID') return;
      installment.status = 'PAID';
      installment.paidAt = paidAt;
      await tx.cprs.saveInstallment(cprId, installment);
      if (installments.every((i) => i.status === 'PAID') && cpr.status === 'ACTIVE') {
        transition(cpr, 'SETTLED', 'settle it');
        await tx.cprs.save(cpr);
        await tx.events.cprSettled(cpr);
      }
    });
  }
}
