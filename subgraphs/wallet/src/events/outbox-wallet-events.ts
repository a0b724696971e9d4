import { WalletEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { DistributionCredit, WalletEvents } from '../application/ports.js';
import type { Deposit } from '../domain/deposit.js';
import type { Payment } from '../domain/payment.js';
import type { Reservation } from '../domain/reservation.js';

/** The wallet's events into the transaction's outbox, as their shared contracts say (centavos as strings). */
export class OutboxWalletEvents implements WalletEvents {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async fundsReserved(r: Reservation): Promise<void> {
    await this.outbox.append(this.em, Contracts.FundsReserved, r.investmentId, {
      investmentId: r.investmentId,
      cprId: r.cprId,
      investorId: r.investorId,
      amount: r.amount.toString(),
    });
  }

  async fundsRejected(r: Reservation): Promise<void> {
    await this.outbox.append(this.em, Contracts.FundsRejected, r.investmentId, {
      investmentId: r.investmentId,
      cprId: r.cprId,
      investorId: r.investorId,
      amount: r.amount.toString(),
      reason: 'INSUFFICIENT_FUNDS',
    });
  }

  async paymentConfirmed(payment: Payment, issuerId: string): Promise<void> {
    await this.outbox.append(this.em, Contracts.PaymentConfirmed, payment.id, {
      paymentId: payment.id,
      cprId: payment.cprId,
      issuerId,
      installmentNumber: payment.installmentNumber,
      amount: payment.amount.toString(),
      paidAt: (payment.paidAt ?? new Date()).toISOString(),
    });
  }

  async distributionCredited(credit: DistributionCredit): Promise<void> {
    await this.outbox.append(this.em, Contracts.DistributionCredited, credit.distributionId, {
      distributionId: credit.distributionId,
      paymentId: credit.paymentId,
      cprId: credit.cprId,
      installmentNumber: credit.installmentNumber,
      credits: credit.credits.map((c) => ({ investorId: c.investorId, amount: c.amount.toString() })),
    });
  }

  async depositConfirmed(deposit: Deposit): Promise<void> {
    await this.outbox.append(this.em, Contracts.DepositConfirmed, deposit.id, {
      depositId: deposit.id,
      ownerId: deposit.ownerId,
      amount: deposit.amount.toString(),
    });
  }
}
