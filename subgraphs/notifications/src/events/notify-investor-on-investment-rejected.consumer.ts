import { MarketplaceEvents } from '@peerseed/shared';
import { onInvestmentRejected } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.investment.rejected` → the investor: INVESTMENT_REJECTED, with the reason in words. */
export const notifyInvestorOnInvestmentRejected = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-investor-on-investment-rejected', MarketplaceEvents.InvestmentRejected, (d) =>
    onInvestmentRejected({ ...d, amount: BigInt(d.amount) }),
  );
