import { ValidationError } from '@peerseed/shared/domain';
import type { Notification } from '../domain/notification.js';
import { decodeNotificationCursor, encodeNotificationCursor } from './notification-cursor.js';
import type { UnitOfWork } from './ports.js';

export const DEFAULT_NOTIFICATION_PAGE = 20;
export const MAX_NOTIFICATION_PAGE = 100;

export interface NotificationPage {
  edges: { cursor: string; notification: Notification }[];
  hasNextPage: boolean;
}

/** The caller's notifications, newest first, a page at a time (optionally only the unread ones). */
export class ListMyNotifications {
  constructor(private readonly uow: UnitOfWork) {}

  async execute(
    recipientId: string,
    args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
  ): Promise<NotificationPage> {
    const size = args.first ?? DEFAULT_NOTIFICATION_PAGE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_NOTIFICATION_PAGE) {
      throw new ValidationError(`first must be between 0 and ${MAX_NOTIFICATION_PAGE}`, 'first');
    }
    const after = args.after ? decodeNotificationCursor(args.after) : null;
    // One row more than asked tells whether there is a next page.
    const rows = await this.uow.read((tx) =>
      tx.notifications.page(recipientId, size + 1, after, { unreadOnly: args.unreadOnly ?? false }),
    );
    return {
      edges: rows.slice(0, size).map((notification) => ({
        cursor: encodeNotificationCursor(notification),
        notification,
      })),
      hasNextPage: rows.length > size,
    };
  }
}
