import { WalletEvents } from '@peerseed/shared';
import { onPaymentConfirmed } from '../domain/notification-recipients.js';
import { notifyOn, type HandlerDeps } from './notify-on.js';

/** `wallet.payment.confirmed` → the issuer: PAYMENT_CONFIRMED. */
export const notifyIssuerOnPaymentConfirmed = (deps: HandlerDeps) =>
  notifyOn(deps, 'notify-issuer-on-payment-confirmed', WalletEvents.PaymentConfirmed, (d) =>
    onPaymentConfirmed({ ...d, amount: BigInt(d.amount) }),
  );
