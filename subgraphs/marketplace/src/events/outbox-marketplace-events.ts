import { MarketplaceEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { InvestmentCancellationReason } from '@peerseed/shared/domain';
import type { MarketplaceEventsPort } from '../application/ports.js';
import type { Cpr } from '../domain/cpr.js';
import type { Installment } from '../domain/installment-schedule.js';
import type { Investment } from '../domain/investment.js';

const investmentData = (i: Investment) => ({
  investmentId: i.id,
  cprId: i.cprId,
  investorId: i.investorId,
  amount: i.amount.toString(),
});

/** Marketplace's domain events into the transaction's outbox, as their shared contracts say. */
export class OutboxMarketplaceEvents implements MarketplaceEventsPort {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async cprOpened(cpr: Cpr) {
    await this.outbox.append(this.em, Contracts.CprOpened, cpr.id, {
      cprId: cpr.id,
      issuerId: cpr.issuerId,
      targetAmount: cpr.targetAmount.toString(),
      fundingDeadline: cpr.fundingDeadline.toISOString(),
    });
  }

  async cprFunded(cpr: Cpr) {
    await this.outbox.append(this.em, Contracts.CprFunded, cpr.id, {
      cprId: cpr.id,
      issuerId: cpr.issuerId,
      fundedAmount: cpr.fundedAmount.toString(),
    });
  }

  async cprCancelled(cpr: Cpr, reason: string) {
    await this.outbox.append(this.em, Contracts.CprCancelled, cpr.id, {
      cprId: cpr.id,
      issuerId: cpr.issuerId,
      reason,
    });
  }

  async cprDisbursed(cpr: Cpr, holdings: Investment[]) {
    await this.outbox.append(this.em, Contracts.CprDisbursed, cpr.id, {
      cprId: cpr.id,
      issuerId: cpr.issuerId,
      fundedAmount: cpr.fundedAmount.toString(),
      holdings: holdings.map((h) => ({
        investmentId: h.id,
        investorId: h.investorId,
        amount: h.amount.toString(),
        investedAt: h.createdAt.toISOString(),
      })),
      installments: cpr.installments.map((i) => ({
        number: i.number,
        dueDate: i.dueDate.toISOString(),
        amount: i.amount.toString(),
      })),
    });
  }

  async cprSettled(cpr: Cpr) {
    await this.outbox.append(this.em, Contracts.CprSettled, cpr.id, { cprId: cpr.id, issuerId: cpr.issuerId });
  }

  async installmentLate(cpr: Cpr, installment: Installment) {
    await this.outbox.append(this.em, Contracts.InstallmentLate, cpr.id, {
      cprId: cpr.id,
      issuerId: cpr.issuerId,
      number: installment.number,
      dueDate: installment.dueDate.toISOString(),
    });
  }

  async investmentRequested(i: Investment) {
    await this.outbox.append(this.em, Contracts.InvestmentRequested, i.cprId, investmentData(i));
  }

  async investmentConfirmed(i: Investment) {
    await this.outbox.append(this.em, Contracts.InvestmentConfirmed, i.cprId, investmentData(i));
  }

  async investmentRejected(i: Investment) {
    await this.outbox.append(this.em, Contracts.InvestmentRejected, i.cprId, {
      ...investmentData(i),
      reason: i.rejectionReason ?? 'UNKNOWN',
    });
  }

  async investmentCancelled(i: Investment, reason: InvestmentCancellationReason) {
    await this.outbox.append(this.em, Contracts.InvestmentCancelled, i.cprId, {
      ...investmentData(i),
      reason,
    });
  }
}
