import { emailFor } from '../domain/notification-email.js';
import { notificationFrom, type Notification, type NotificationDraft } from '../domain/notification.js';
import type { Clock, IdGenerator, OutgoingEmail, UnitOfWork } from './ports.js';

export interface RecordNotificationsDeps {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  /** After the commit: wake the email dispatcher, tell listeners (subscriptions, next issue). */
  onStored: (stored: Notification[]) => void;
}

/**
 * Stores an event's notifications and, in the same transaction, one email and one
 * `notifications.notification.added` event (outbox) for each.
 */
export class RecordNotifications {
  constructor(private readonly deps: RecordNotificationsDeps) {}

  async execute(eventId: string, drafts: NotificationDraft[]): Promise<Notification[]> {
    if (drafts.length === 0) return [];
    const now = this.deps.clock.now();
    const notifications = drafts.map((d) => notificationFrom(d, this.deps.ids.newId(), eventId, now));
    return this.deps.uow.run(async (tx) => {
      const stored = await tx.notifications.addAll(notifications);
      await tx.emails.enqueue(stored.map((n) => this.emailOf(n, now)));
      await tx.events.added(stored);
      if (stored.length > 0) tx.afterCommit(() => this.deps.onStored(stored));
      return stored;
    });
  }

  private emailOf(notification: Notification, now: Date): OutgoingEmail {
    return {
      id: this.deps.ids.newId(),
      notificationId: notification.id,
      recipientId: notification.recipientId,
      ...emailFor(notification),
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      createdAt: now,
      sentAt: null,
    };
  }
}
