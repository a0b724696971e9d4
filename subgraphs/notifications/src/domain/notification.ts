/** What a notification is about; clients branch on it (the API exposes it as a String). */
export const NOTIFICATION_KINDS = [
  'INVESTMENT_CONFIRMED',
  'INVESTMENT_REJECTED',
  'OFFER_FUNDED',
  'OFFER_CANCELLED',
  'CPR_DISBURSED',
  'PAYMENT_CONFIRMED',
  'DISTRIBUTION_CREDITED',
  'INSTALLMENT_LATE',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A title and a body in pt-BR, ready to show or to send. */
export interface Message {
  title: string;
  body: string;
}

/** What one person should be told about one event, before it is stored. */
export interface NotificationDraft extends Message {
  /** A user id: names and email addresses are not in the events (LGPD). */
  recipientId: string;
  kind: NotificationKind;
}

/** One message to one person about one event: (eventId, recipientId) is unique. */
export interface Notification extends NotificationDraft {
  id: string;
  /** The id of the event that caused it. */
  eventId: string;
  createdAt: Date;
  /** When the recipient first marked it read; marking again keeps this. */
  readAt: Date | null;
}

/** A stored notification for `draft`, caused by event `eventId`, not read yet. */
export function notificationFrom(draft: NotificationDraft, id: string, eventId: string, createdAt: Date): Notification {
  return { ...draft, id, eventId, createdAt, readAt: null };
}
