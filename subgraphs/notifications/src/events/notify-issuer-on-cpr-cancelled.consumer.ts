import { MarketplaceEvents } from '@peerseed/shared';
import { onCprCancelled } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.cpr.cancelled` → the issuer: OFFER_CANCELLED (the investors hear through their refunds). */
export const notifyIssuerOnCprCancelled = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-issuer-on-cpr-cancelled', MarketplaceEvents.CprCancelled, (d) => onCprCancelled(d));
