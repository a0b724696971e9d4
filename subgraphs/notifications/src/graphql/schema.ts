import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { resolveNotificationReference } from './notification.reference.js';
import { NotificationResolver } from './notification.resolver.js';

/** The notifications subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildNotificationsSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [NotificationResolver, ...operations] },
    { Notification: { __resolveReference: resolveNotificationReference } },
  );
}
