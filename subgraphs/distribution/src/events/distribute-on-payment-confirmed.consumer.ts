import { defineHandler, WalletEvents } from '@peerseed/shared';
import { DistributePayment } from '../application/distribute-payment.use-case.js';
import { HandlerUnitOfWork } from '../persistence/mikro-orm-unit-of-work.js';
import type { HandlerDeps } from './handler-deps.js';

/**
 * `wallet.payment.confirmed` (PagamentoConfirmado) → one distribution among the CPR's
 * investors and `distribution.distribution.completed`. A payment that comes before the
 * CPR's disbursement (another stream) is early, not failed (`DisbursementNotYetKnownError`
 * is an `EventArrivedEarlyError`): the consumer retries it for minutes, as long as that
 * event may lag, before it goes to the dead letters.
 */
export const distributeOnPaymentConfirmed = (deps: HandlerDeps) =>
  defineHandler({
    name: 'distribute-on-payment-confirmed',
    contract: WalletEvents.PaymentConfirmed,
    async handle(event, { em, outbox, logger }) {
      const { paymentId, cprId, issuerId, installmentNumber, amount } = event.data;
      const distribution = await new DistributePayment({
        uow: new HandlerUnitOfWork(em, outbox),
        ids: deps.ids,
        clock: deps.clock,
        feeBps: deps.feeBps,
      }).execute({ paymentId, cprId, issuerId, installmentNumber, amount: BigInt(amount) });
      logger.debug(
        { paymentId, distributionId: distribution?.id ?? 'already distributed', lines: distribution?.lines.length },
        'distributed a payment',
      );
    },
  });
