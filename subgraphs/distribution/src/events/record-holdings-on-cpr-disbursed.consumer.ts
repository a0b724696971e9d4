import { defineHandler, MarketplaceEvents } from '@peerseed/shared';
import { RecordDisbursement } from '../application/record-disbursement.use-case.js';
import { HandlerUnitOfWork } from '../persistence/mikro-orm-unit-of-work.js';

/** `marketplace.cpr.disbursed` → the CPR's issuer and holdings, the basis of every split; once. */
export const recordHoldingsOnCprDisbursed = () =>
  defineHandler({
    name: 'record-holdings-on-cpr-disbursed',
    contract: MarketplaceEvents.CprDisbursed,
    async handle(event, { em, outbox, logger }) {
      const { cprId, issuerId, fundedAmount, holdings } = event.data;
      const recorded = await new RecordDisbursement(new HandlerUnitOfWork(em, outbox)).execute(
        { id: cprId, issuerId, fundedAmount: BigInt(fundedAmount), disbursedAt: new Date(event.time) },
        holdings.map((h) => ({
          cprId,
          investmentId: h.investmentId,
          investorId: h.investorId,
          amount: BigInt(h.amount),
          investedAt: new Date(h.investedAt),
        })),
      );
      logger.debug({ cprId, holdings: holdings.length, recorded }, 'recorded the holdings of a disbursed CPR');
    },
  });
