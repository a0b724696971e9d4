import { defineHandler, DistributionEvents } from '@peerseed/shared';
import { CreditDistribution } from '../application/credit-distribution.use-case.js';
import { inHandlerTransaction, type HandlerDeps } from './handler-deps.js';

/**
 * `distribution.distribution.completed` → each line from CLEARING to its investor, the fee
 * to FEES, once; then `wallet.distribution.credited`.
 */
export const creditInvestorsOnDistributionCompleted = (deps: HandlerDeps) =>
  defineHandler({
    name: 'credit-investors-on-distribution-completed',
    contract: DistributionEvents.DistributionCompleted,
    async handle(event, { em, outbox, logger }) {
      const d = event.data;
      const credited = await new CreditDistribution(inHandlerTransaction(deps, em, outbox)).execute({
        distributionId: d.distributionId,
        paymentId: d.paymentId,
        cprId: d.cprId,
        installmentNumber: d.installmentNumber,
        total: BigInt(d.total),
        fee: BigInt(d.fee),
        lines: d.lines.map((line) => ({ investorId: line.investorId, amount: BigInt(line.amount) })),
      });
      logger.debug({ distributionId: d.distributionId, credited }, 'credited a distribution');
    },
  });
