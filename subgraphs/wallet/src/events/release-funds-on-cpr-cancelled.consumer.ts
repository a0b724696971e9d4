import { defineHandler, MarketplaceEvents } from '@peerseed/shared';
import { ReleaseFunds } from '../application/release-funds.use-case.js';
import { inHandlerTransaction, type HandlerDeps } from './handler-deps.js';

/** `marketplace.cpr.cancelled` → every reservation of the CPR still in escrow goes back to its investor. */
export const releaseFundsOnCprCancelled = (deps: HandlerDeps) =>
  defineHandler({
    name: 'release-funds-on-cpr-cancelled',
    contract: MarketplaceEvents.CprCancelled,
    async handle(event, { em, outbox, logger }) {
      const { cprId, issuerId } = event.data;
      const released = await new ReleaseFunds(inHandlerTransaction(deps, em, outbox)).cpr(cprId, issuerId);
      logger.debug({ cprId, released }, 'released the reservations of a cancelled CPR');
    },
  });
