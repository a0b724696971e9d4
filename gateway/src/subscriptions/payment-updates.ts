import {
  defaultFieldResolver,
  GraphQLError,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
} from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { cursorExpiredError, decodeCursor } from './cursor.js';
import { toPaymentUpdate, type PaymentUpdate } from './payment-event.js';
import { PAYMENT_ID_VARIABLE, paymentQuery } from './payment-query.js';
import type { WalletEventSource } from './wallet-event-source.js';

/** Runs a query through the supergraph as the subscriber (Apollo's executeOperation). */
export type SupergraphQuery = (
  query: string,
  variables: Record<string, unknown>,
  context: GatewayContext,
) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly GraphQLFormattedError[] }>;

/** One subscription's context: the subscriber's, plus the event being delivered. */
export interface SubscriptionContext extends GatewayContext {
  delivering?: CheckedUpdate;
}

interface CheckedUpdate extends PaymentUpdate {
  /** Whether the subscriber's rights on the payment were checked for this event. */
  checked: boolean;
}

/** Executes one validated subscription for graphql-ws. */
export type SubscriptionExecutor = (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** Thrown to drop an event the subscriber may not see; never reaches the client. */
class NotAllowed extends Error {}

/** What the wallet answers, instead of null, to a viewer who may not see a payment. */
const DENIED_CODES = new Set(['FORBIDDEN', 'NOT_FOUND']);

export interface PaymentUpdatesOptions {
  /** Null: no event backbone configured; subscribing answers SERVICE_UNAVAILABLE. */
  source: WalletEventSource | null;
  query: SupergraphQuery;
}

/**
 * `Subscription.paymentUpdates`, executed by the gateway (@apollo/gateway does not run
 * subscriptions): graphql-js drives it over the API schema — arguments, aliases,
 * fragments, directives — with the source stream read from the WALLET stream and every
 * `payment` selection resolved through the supergraph with the subscriber's identity.
 * An event whose payment the subscriber may not see is dropped.
 */
export function createPaymentUpdates({ source, query }: PaymentUpdatesOptions): SubscriptionExecutor {
  const firstSequence = async (after: string | null | undefined): Promise<number> => {
    if (!source)
      throw new GraphQLError('Subscriptions are unavailable', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    // Decoded before asking the stream: a malformed cursor is refused as such.
    const afterSequence = after === undefined || after === null ? null : decodeCursor(after);
    const bounds = await source.bounds();
    if (afterSequence === null) return bounds.last + 1;
    if (afterSequence + 1 < bounds.first) throw cursorExpiredError();
    return afterSequence + 1;
  };

  const subscribeFieldResolver: GraphQLFieldResolver<unknown, SubscriptionContext> = async (
    _root,
    args: { cprId?: string | null; after?: string | null },
    context,
    info,
  ) => {
    if (info.fieldName !== 'paymentUpdates') {
      throw new GraphQLError(`Subscription.${info.fieldName} is not available yet`, {
        extensions: { code: 'NOT_IMPLEMENTED' },
      });
    }
    const reader = await source!.read(await firstSequence(args.after));
    const events = reader[Symbol.asyncIterator]();
    const stream: AsyncIterableIterator<{ paymentUpdates: CheckedUpdate }> = {
      next: async () => {
        for (;;) {
          const next = await events.next();
          if (next.done) return { done: true, value: undefined };
          const update = toPaymentUpdate(next.value);
          if (!update || (args.cprId && update.cprId !== args.cprId)) continue;
          context.delivering = { ...update, checked: false };
          return { done: false, value: { paymentUpdates: context.delivering } };
        }
      },
      // Called directly (not queued behind a pending next) when the client completes or leaves.
      return: async () => {
        await reader.close();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return stream;
  };

  const resolvePayment = async (
    update: CheckedUpdate,
    context: SubscriptionContext,
    selection: ReturnType<typeof paymentQuery>,
  ) => {
    update.checked = true;
    const result = await query(
      selection.query,
      { ...selection.variables, [PAYMENT_ID_VARIABLE]: update.paymentId },
      context,
    );
    const payment = result.data?.['payment'];
    if (payment !== null && payment !== undefined) return payment;
    const error = result.errors?.[0];
    if (!error || DENIED_CODES.has(String(error.extensions?.['code']))) throw new NotAllowed();
    throw new GraphQLError(error.message, { extensions: error.extensions ?? {} });
  };

  const fieldResolver: GraphQLFieldResolver<any, SubscriptionContext> = (source, args, context, info) => {
    if (info.parentType.name === 'PaymentEvent' && info.fieldName === 'payment') {
      return resolvePayment(source as CheckedUpdate, context, paymentQuery(info));
    }
    if (info.parentType.name === 'PaymentEvent' || info.parentType === info.schema.getSubscriptionType()) {
      return defaultFieldResolver(source, args, context, info);
    }
    // Under `payment`: the supergraph's answer, keyed by the client's response names (aliases).
    return (source as Record<string, unknown> | null)?.[info.path.key];
  };

  /** graphql-ws's `subscribe`: graphql-js over our resolvers, minus the events the subscriber may not see. */
  return async (args) => {
    const context = args.contextValue as SubscriptionContext;
    const results = await subscribe({ ...args, subscribeFieldResolver, fieldResolver });
    if (!(Symbol.asyncIterator in results)) return results;
    const allowed = async (result: ExecutionResult): Promise<boolean> => {
      if (result.errors?.some((e) => e.originalError instanceof NotAllowed)) return false;
      const update = context.delivering;
      // The client selected no `payment`: its rights are still checked, with the id alone.
      if (update && !update.checked) {
        const checked = await query(`query ($id: ID!) { payment(id: $id) { id } }`, { id: update.paymentId }, context);
        return Boolean(checked.data?.['payment']);
      }
      return true;
    };
    const filtered: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        for (;;) {
          const next = await results.next();
          if (next.done || (await allowed(next.value))) return next;
        }
      },
      return: async () => (results.return ? results.return() : { done: true, value: undefined }),
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return filtered;
  };
}
