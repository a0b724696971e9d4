import { MarketplaceEvents } from '@peerseed/shared';
import { onInstallmentLate } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `marketplace.installment.late` → the issuer: INSTALLMENT_LATE. */
export const notifyIssuerOnInstallmentLate = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-issuer-on-installment-late', MarketplaceEvents.InstallmentLate, (d) =>
    onInstallmentLate({ ...d, dueDate: new Date(d.dueDate) }),
  );
