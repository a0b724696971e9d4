import { PageInfoType } from '@peerseed/shared';
import { Field, ObjectType } from 'type-graphql';
import type { NotificationPage } from '../application/list-my-notifications.use-case.js';
import { NotificationType } from './notification.type.js';

@ObjectType('NotificationEdge')
export class NotificationEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => NotificationType)
  node!: NotificationType;
}

/** The viewer's notifications, newest first (Relay connection); cursors survive new and read notifications. */
@ObjectType('NotificationConnection')
export class NotificationConnectionType {
  @Field(() => [NotificationEdgeType])
  edges!: NotificationEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  static from(page: NotificationPage): NotificationConnectionType {
    const edges = page.edges.map(({ cursor, notification }) =>
      Object.assign(new NotificationEdgeType(), { cursor, node: NotificationType.from(notification) }),
    );
    const pageInfo = Object.assign(new PageInfoType(), {
      hasNextPage: page.hasNextPage,
      endCursor: edges.at(-1)?.cursor ?? null,
    });
    return Object.assign(new NotificationConnectionType(), { edges, pageInfo });
  }
}
