import type { GraphQLFieldResolver } from 'graphql';
import { decodeCursor } from './cursor.js';
import type { EventSource } from './event-source.js';
import { readEvents, requireSource, startSequence } from './event-stream.js';
import { toPaymentUpdate, type PaymentUpdate } from './payment-event.js';
import type { SubscriptionContext, SubscriptionField } from './subscription-executor.js';
import {
  entityOrDenied,
  NotAllowed,
  preparedSelectionQuery,
  resolveSelection,
  type SupergraphQuery,
} from './supergraph-selection.js';

interface CheckedUpdate extends PaymentUpdate {
  /** Whether the subscriber's rights on the payment were checked for this event. */
  checked: boolean;
}

export interface PaymentUpdatesOptions {
  /** The WALLET stream; null: no event backbone configured (SERVICE_UNAVAILABLE). */
  source: EventSource | null;
  query: SupergraphQuery;
}

/**
 * `Subscription.paymentUpdates(cprId, after)`: the WALLET stream's payment events from
 * `after` (a cursor) or live, of one CPR or all, with every `payment` selection resolved
 * through the supergraph as the subscriber. The wallet's `payment(id)` decides who may
 * see a payment (investors of the CPR, its issuer, admins): an event whose payment the
 * subscriber may not see is dropped, also when the client selected no `payment`.
 */
export function paymentUpdatesField({ source, query }: PaymentUpdatesOptions): SubscriptionField {
  const resolvePayment: GraphQLFieldResolver<CheckedUpdate, SubscriptionContext> = (update, _args, context, info) => {
    update.checked = true;
    return resolveSelection(query, preparedSelectionQuery(info, 'payment'), update.paymentId, context);
  };
  return {
    open: async (args: { cprId?: string | null; after?: string | null }, context) => {
      const stream = requireSource(source);
      // Decoded before asking the stream: a malformed cursor is refused as such.
      const after = args.after === undefined || args.after === null ? null : decodeCursor(args.after);
      let delivering: CheckedUpdate | null = null;
      const events = await readEvents(stream, await startSequence(stream, after), (event) => {
        const update = toPaymentUpdate(event);
        if (!update || (args.cprId && update.cprId !== args.cprId)) return null;
        delivering = { ...update, checked: false };
        return delivering;
      });
      return {
        events,
        // The client selected no `payment`: its rights are still checked, with the id alone.
        allowed: async () => {
          const update = delivering as CheckedUpdate | null;
          if (!update || update.checked) return true;
          const checked = await query(
            `query ($id: ID!) { payment(id: $id) { id } }`,
            { id: update.paymentId },
            context,
          );
          try {
            entityOrDenied(checked, 'payment');
            return true;
          } catch (error) {
            if (error instanceof NotAllowed) return false;
            throw error; // SubscriptionInterrupted: a failed check is not a denial
          }
        },
      };
    },
    resolvers: { 'PaymentEvent.payment': resolvePayment },
    eventKey: (update: CheckedUpdate) => update.cursor,
    ownTypes: ['PaymentEvent'],
  };
}
