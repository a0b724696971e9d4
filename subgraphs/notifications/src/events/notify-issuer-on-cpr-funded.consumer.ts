import { MarketplaceEvents } from '@peerseed/shared';
import { onCprFunded } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.cpr.funded` → the issuer: OFFER_FUNDED. */
export const notifyIssuerOnCprFunded = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-issuer-on-cpr-funded', MarketplaceEvents.CprFunded, (d) =>
    onCprFunded({ ...d, fundedAmount: BigInt(d.fundedAmount) }),
  );
