import type { GraphQLFieldResolver } from 'graphql';
import type { EventSource } from './event-source.js';
import { readEvents, requireSource, startSequence } from './event-stream.js';
import { toNotificationAdded, type NotificationAdded } from './notification-event.js';
import type { SubscriptionContext, SubscriptionField } from './subscription-executor.js';
import { preparedSelectionQuery, resolveSelection, type SupergraphQuery } from './supergraph-selection.js';

export interface NotificationAddedOptions {
  /** The NOTIFICATIONS stream; null: no event backbone configured (SERVICE_UNAVAILABLE). */
  source: EventSource | null;
  query: SupergraphQuery;
}

/**
 * `Subscription.notificationAdded`: live only. Each new notification is offered to one
 * subscriber — the one whose token's `sub` is the event's recipient, decided here from the
 * claims and the event — and its selection is then resolved through the supergraph as that
 * subscriber (`Query.notification(id)`, which the notifications subgraph answers only to
 * the recipient: a second check, not the first).
 */
export function notificationAddedField({ source, query }: NotificationAddedOptions): SubscriptionField {
  const resolveNotification: GraphQLFieldResolver<NotificationAdded, SubscriptionContext> = (
    added,
    _args,
    context,
    info,
  ) => resolveSelection(query, preparedSelectionQuery(info, 'notification'), added.notificationId, context);
  return {
    open: async (_args, context) => {
      const stream = requireSource(source);
      // The server admits only authenticated connections; without a user, nothing is anyone's.
      const viewer = context.identity?.userId;
      const events = await readEvents(stream, await startSequence(stream, null), (event) => {
        const added = toNotificationAdded(event);
        return added && viewer !== undefined && added.recipientId === viewer ? added : null;
      });
      return { events };
    },
    resolvers: { 'Subscription.notificationAdded': resolveNotification },
    eventKey: (added: NotificationAdded) => added.notificationId,
  };
}
