import { defineHandler, MarketplaceEvents } from '@peerseed/shared';
import { ReleaseFunds } from '../application/release-funds.use-case.js';
import { inHandlerTransaction, type HandlerDeps } from './handler-deps.js';

/** `marketplace.investment.cancelled` → the investment's escrow back to the investor's available balance. */
export const releaseFundsOnInvestmentCancelled = (deps: HandlerDeps) =>
  defineHandler({
    name: 'release-funds-on-investment-cancelled',
    contract: MarketplaceEvents.InvestmentCancelled,
    async handle(event, { em, outbox, logger }) {
      const { investmentId, cprId, investorId, amount } = event.data;
      const released = await new ReleaseFunds(inHandlerTransaction(deps, em, outbox)).investment({
        investmentId,
        cprId,
        investorId,
        amount: BigInt(amount),
      });
      logger.debug({ investmentId, released: released.toString() }, 'released an investment');
    },
  });
