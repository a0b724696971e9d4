import { MarketplaceEvents } from '@peerseed/shared';
import { onCprDisbursed } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.cpr.disbursed` → the issuer and each holder once: CPR_DISBURSED. */
export const notifyIssuerAndHoldersOnCprDisbursed = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-issuer-and-holders-on-cpr-disbursed', MarketplaceEvents.CprDisbursed, (d) =>
    onCprDisbursed({
      cprId: d.cprId,
      issuerId: d.issuerId,
      fundedAmount: BigInt(d.fundedAmount),
      holdings: d.holdings.map((h) => ({ investorId: h.investorId, amount: BigInt(h.amount) })),
      installments: d.installments.map((i) => ({ number: i.number, dueDate: new Date(i.dueDate) })),
    }),
  );
