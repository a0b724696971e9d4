import { parseEnvelope, WalletEvents } from '@peerseed/shared';
import { encodeCursor } from './cursor.js';
import type { StoredEvent } from './event-source.js';
import { oncePerEvent } from './once-per-event.js';

export type PaymentEventType = 'CONFIRMED' | 'DISTRIBUTED';

/** A WALLET event that is a payment update, before the subscriber's rights are checked. */
export interface PaymentUpdate {
  cursor: string;
  type: PaymentEventType;
  paymentId: string;
  cprId: string;
}

const TYPES: Record<string, PaymentEventType> = {
  [WalletEvents.PaymentConfirmed.subject]: 'CONFIRMED',
  [WalletEvents.DistributionCredited.subject]: 'DISTRIBUTED',
};

/** The payment update a stored event is, or null for the stream's other events (frozen, shared by subscribers). */
export const toPaymentUpdate = oncePerEvent((event: StoredEvent): PaymentUpdate | null => {
  const type = TYPES[event.subject];
  if (!type) return null;
  // Both contracts carry paymentId and cprId; the wallet validated them before publishing.
  const { paymentId, cprId } = parseEnvelope(event.data).data as { paymentId?: unknown; cprId?: unknown };
  if (typeof paymentId !== 'string' || typeof cprId !== 'string') return null;
  return { cursor: encodeCursor(event.sequence), type, paymentId, cprId };
});
