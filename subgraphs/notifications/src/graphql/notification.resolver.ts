import { requireIdentity } from '@peerseed/shared';
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
