import { DistributionEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { DistributionEvents } from '../application/ports.js';
import type { Distribution } from '../domain/distribution.js';

/** The subgraph's events into the transaction's outbox, as their shared contracts say (centavos as strings). */
export class OutboxDistributionEvents implements DistributionEvents {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async completed(d: Distribution): Promise<void> {
    await this.outbox.append(this.em, Contracts.DistributionCompleted, d.id, {
      distributionId: d.id,
      paymentId: d.paymentId,
      cprId: d.cprId,
      installmentNumber: d.installmentNumber,
      total: d.total.toString(),
      fee: d.fee.toString(),
      lines: d.lines.map((line) => ({ investorId: line.investorId, amount: line.amount.toString() })),
    });
  }
}
