import { MarketplaceEvents } from '@peerseed/shared';
import { onInvestmentCancelled } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.investment.cancelled` → the investor: refunded (OFFER_CANCELLED) or left out of a funded offer (OFFER_CLOSED). A withdrawal tells no one. */
export const notifyInvestorOnInvestmentCancelled = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-investor-on-investment-cancelled', MarketplaceEvents.InvestmentCancelled, (d) =>
    onInvestmentCancelled({ ...d, amount: BigInt(d.amount) }),
  );
