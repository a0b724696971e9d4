import { MarketplaceEvents } from '@peerseed/shared';
import { onInvestmentConfirmed } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.investment.confirmed` → the investor: INVESTMENT_CONFIRMED. */
export const notifyInvestorOnInvestmentConfirmed = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-investor-on-investment-confirmed', MarketplaceEvents.InvestmentConfirmed, (d) =>
    onInvestmentConfirmed({ ...d, amount: BigInt(d.amount) }),
  );
