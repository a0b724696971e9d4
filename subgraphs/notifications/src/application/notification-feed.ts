import type { Notification } from '../domain/notification.js';
import type { NotificationListener } from './ports.js';

/**
 * In-process announcements of stored notifications, after their transaction committed
 * (the gateway's `notificationAdded` reads the NOTIFICATIONS stream instead). Only this
 * replica's notifications pass here; a listener that throws is reported and does not
 * stop the others.
 */
export class NotificationFeed {
  private readonly listeners = new Set<NotificationListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: NotificationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(notifications: readonly Notification[]): void {
    for (const notification of notifications) {
      for (const listener of this.listeners) {
        try {
          listener(notification);
        } catch (error) {
          this.onListenerError(error);
        }
      }
    }
  }
}
