import { requireIdentity } from '@peerseed/shared';
import { NotFoundError } from '@peerseed/shared/domain';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotificationConnectionType } from './notification-connection.type.js';
import { NotificationType } from './notification.type.js';
import type { NotificationsContext } from './notifications-context.js';

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationConnectionType, {
    description: "The signed-in user's notifications, newest first (first: up to 100, default 20)",
  })
  async myNotifications(
    @Ctx() ctx: NotificationsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly?: boolean | null,
  ): Promise<NotificationConnectionType> {
    const { userId } = requireIdentity(ctx.identity);
    const page = await ctx.useCases.listMyNotifications.execute(userId, { first, after, unreadOnly });
    return NotificationConnectionType.from(page);
  }

  @Query(() => NotificationType, {
    nullable: true,
    description: "One of the signed-in user's notifications (NOT_FOUND for anyone else's, like a missing one)",
  })
  async notification(@Ctx() ctx: NotificationsContext, @Arg('id', () => ID) id: string): Promise<NotificationType> {
    requireIdentity(ctx.identity);
    // The loader answers only the viewer's own (FindMyNotifications): ids reveal nothing.
    const notification = await ctx.notifications.load(id);
    if (!notification) throw new NotFoundError('Notification not found');
    return NotificationType.from(notification);
  }

  @Mutation(() => NotificationType, {
    description: "Marks one of the signed-in user's notifications read (again: keeps the first readAt)",
  })
  async markNotificationRead(
    @Ctx() ctx: NotificationsContext,
    @Arg('id', () => ID) id: string,
  ): Promise<NotificationType> {
    const { userId } = requireIdentity(ctx.identity);
    return NotificationType.from(await ctx.useCases.markNotificationRead.execute(userId, id));
  }
}
