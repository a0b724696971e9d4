import { defineHandler, MarketplaceEvents } from '@peerseed/shared';
import { ReserveFunds } from '../application/reserve-funds.use-case.js';
import { inHandlerTransaction, type HandlerDeps } from './handler-deps.js';

/**
 * `marketplace.investment.requested` → escrow the amount and answer `wallet.funds.reserved`,
 * or answer `wallet.funds.rejected` (INSUFFICIENT_FUNDS) and move nothing.
 */
export const reserveFundsOnInvestmentRequested = (deps: HandlerDeps) =>
  defineHandler({
    name: 'reserve-funds-on-investment-requested',
    contract: MarketplaceEvents.InvestmentRequested,
    async handle(event, { em, outbox, logger }) {
      const { investmentId, cprId, investorId, amount } = event.data;
      const outcome = await new ReserveFunds(inHandlerTransaction(deps, em, outbox)).execute({
        investmentId,
        cprId,
        investorId,
        amount: BigInt(amount),
      });
      logger.debug({ investmentId, outcome }, 'answered an investment request');
    },
  });
