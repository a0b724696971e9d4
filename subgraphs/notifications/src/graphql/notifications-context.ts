import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { ListMyNotifications } from '../application/list-my-notifications.use-case.js';
import type { MarkNotificationRead } from '../application/mark-notification-read.use-case.js';
import type { Notification } from '../domain/notification.js';

/** The use cases of one request, wired to that request's EntityManager fork. */
export interface NotificationsUseCases {
  listMyNotifications: ListMyNotifications;
  markNotificationRead: MarkNotificationRead;
}

export interface NotificationsContext extends BaseContext {
  useCases: NotificationsUseCases;
  /** The viewer's notifications by id, batched (federation references); null for anyone else's. */
  notifications: DataLoader<string, Notification | null>;
}
