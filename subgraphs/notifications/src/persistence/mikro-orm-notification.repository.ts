import type { FilterQuery } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { NotificationPosition, NotificationRepository } from '../application/ports.js';
import type { Notification } from '../domain/notification.js';
import { NotificationEntity } from './entities.js';

export class MikroOrmNotificationRepository implements NotificationRepository {
  constructor(private readonly em: Em) {}

  async addAll(notifications: Notification[]): Promise<Notification[]> {
    if (notifications.length === 0) return [];
    const rows = notifications.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
    const params = notifications.flatMap((n) => [
      n.id,
      n.eventId,
      n.recipientId,
      n.kind,
      n.title,
      n.body,
      n.createdAt,
      n.readAt,
    ]);
    const stored = await this.em.execute<{ id: string }[]>(
      `insert into "notifications" ("id", "event_id", "recipient_id", "kind", "title", "body", "created_at", "read_at")
        values ${rows} on conflict ("event_id", "recipient_id") do nothing returning "id"`,
      params,
    );
    const ids = new Set(stored.map((row) => row.id));
    return notifications.filter((n) => ids.has(n.id));
  }

  page(
    recipientId: string,
    limit: number,
    after: NotificationPosition | null,
    options: { unreadOnly: boolean },
  ): Promise<Notification[]> {
    const where: FilterQuery<Notification> = { recipientId };
    if (options.unreadOnly) where.readAt = null;
    if (after) {
      where.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, id: { $lt: after.id } }];
    }
    return this.em.find(NotificationEntity, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }

  async findForRecipient(recipientId: string, ids: readonly string[]): Promise<Notification[]> {
    return ids.length === 0 ? [] : this.em.find(NotificationEntity, { recipientId, id: { $in: [...ids] } });
  }

  async markRead(id: string, recipientId: string, at: Date): Promise<Notification | null> {
    // Conditional on readAt being unset: of two concurrent marks, the first one's time stays.
    await this.em.nativeUpdate(NotificationEntity, { id, recipientId, readAt: null }, { readAt: at });
    return this.em.findOne(NotificationEntity, { id, recipientId }, { refresh: true });
  }
}
