import { NotificationsEvents, parseEnvelope } from '@peerseed/shared';
import type { StoredEvent } from './event-source.js';
import { oncePerEvent } from './once-per-event.js';

/** A NOTIFICATIONS event that is a new notification, before it is offered to anyone. */
export interface NotificationAdded {
  notificationId: string;
  recipientId: string;
}

const { NotificationAdded: contract } = NotificationsEvents;

/** The new notification a stored event announces, or null for anything else (frozen, shared by subscribers). */
export const toNotificationAdded = oncePerEvent((event: StoredEvent): NotificationAdded | null => {
  if (event.subject !== contract.subject) return null;
  let data: unknown;
  try {
    data = parseEnvelope(event.data).data;
  } catch {
    return null; // not an envelope: nothing anyone may be shown
  }
  const parsed = contract.schema.safeParse(data);
  return parsed.success ? { notificationId: parsed.data.notificationId, recipientId: parsed.data.recipientId } : null;
});
