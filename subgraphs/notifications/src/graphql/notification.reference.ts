import { NotificationType } from './notification.type.js';
import type { NotificationsContext } from './notifications-context.js';

/** Resolves `Notification` references (e.g. the gateway's subscriptions), batched, for their recipient only. */
export async function resolveNotificationReference(
  reference: { id: string },
  ctx: NotificationsContext,
): Promise<NotificationType | null> {
  const notification = await ctx.notifications.load(reference.id);
  return notification ? NotificationType.from(notification) : null;
}
