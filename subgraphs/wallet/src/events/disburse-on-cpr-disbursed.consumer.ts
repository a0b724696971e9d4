import { defineHandler, MarketplaceEvents } from '@peerseed/shared';
import { DisburseCpr } from '../application/disburse-cpr.use-case.js';
import { inHandlerTransaction, type HandlerDeps } from './handler-deps.js';

/**
 * `marketplace.cpr.disbursed` → every holding's escrow to the issuer minus the origination
 * fee (to FEES), and the wallet's projection of the CPR (issuer, holders, schedule).
 */
export const disburseOnCprDisbursed = (deps: HandlerDeps) =>
  defineHandler({
    name: 'disburse-on-cpr-disbursed',
    contract: MarketplaceEvents.CprDisbursed,
    async handle(event, { em, outbox, logger }) {
      const { cprId, issuerId, fundedAmount, holdings, installments } = event.data;
      const fee = await new DisburseCpr({
        ...inHandlerTransaction(deps, em, outbox),
        originationFeeBps: deps.originationFeeBps,
      }).execute({
        cprId,
        issuerId,
        fundedAmount: BigInt(fundedAmount),
        holdings: holdings.map((h) => ({
          investmentId: h.investmentId,
          investorId: h.investorId,
          amount: BigInt(h.amount),
        })),
        installments: installments.map((i) => ({
          number: i.number,
          dueDate: new Date(i.dueDate),
          amount: BigInt(i.amount),
        })),
      });
      logger.debug({ cprId, fee: fee?.toString() ?? 'already disbursed' }, 'disbursed a CPR');
    },
  });
