import { MarketplaceEvents } from '@peerseed/shared';
import { onInvestmentCancelled } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.investment.cancelled` (OFFER_CANCELLED) → the investor: refunded. A withdrawal tells no one. */
export const notifyInvestorOnInvestmentCancelled = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-investor-on-investment-cancelled', MarketplaceEvents.InvestmentCancelled, (d) =>
    onInvestmentCancelled({ ...d, amount: BigInt(d.amount) }),
  );
