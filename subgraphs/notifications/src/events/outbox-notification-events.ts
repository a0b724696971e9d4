import { NotificationsEvents as Contracts, type Em, type OutboxWriter } from '@peerseed/shared';
import type { NotificationEvents } from '../application/ports.js';
import type { Notification } from '../domain/notification.js';

/** The notifications' events into the transaction's outbox, as their shared contract says. */
export class OutboxNotificationEvents implements NotificationEvents {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  async added(notifications: Notification[]): Promise<void> {
    for (const n of notifications) {
      // The notification's id is the event's: a notification is announced once, whatever retries.
      await this.outbox.append(
        this.em,
        Contracts.NotificationAdded,
        n.id,
        { notificationId: n.id, recipientId: n.recipientId, kind: n.kind, createdAt: n.createdAt.toISOString() },
        { id: n.id },
      );
    }
  }
}
