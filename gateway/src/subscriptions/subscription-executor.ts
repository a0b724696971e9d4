import {
  createSourceEventStream,
  defaultFieldResolver,
  execute,
  GraphQLError,
  print,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { shareInFlightByPair } from './in-flight.js';
import { NotAllowed, SubscriptionInterrupted } from './supergraph-selection.js';

/** One subscription's context: the subscriber's (a fresh one per subscription). */
export type SubscriptionContext = GatewayContext;

/** Executes one validated subscription for graphql-ws. */
export type SubscriptionExecutor = (
  args: ExecutionArgs,
) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/** One subscriber's event stream for a root field. */
export interface OpenedSubscription {
  /** One payload (the root field's value) per event offered to this subscriber. */
  events: AsyncIterableIterator<unknown>;
  /** Vets each executed result before it is sent; false drops it (default: sent). */
  allowed?(result: ExecutionResult): Promise<boolean>;
}

/** A `Subscription` root field the gateway serves. */
export interface SubscriptionField {
  open(args: Record<string, any>, context: SubscriptionContext): Promise<OpenedSubscription>;
  /** Resolvers of fields this subscription resolves itself, by `Type.field` (e.g. through the supergraph). */
  resolvers?: Record<string, GraphQLFieldResolver<any, SubscriptionContext>>;
  /** The gateway's own payload types: their fields are the payload's properties. */
  ownTypes?: readonly string[];
  /**
   * The event a payload is (e.g. its cursor): subscriptions of one viewer with the same
   * document and variables share its execution while it runs. None: never shared.
   */
  eventKey?(payload: any): string;
}

/** A document's text, printed once: subscriptions of the same text share one document (document-cache.ts). */
const printed = new WeakMap<DocumentNode, string>();
const printedOnce = (document: DocumentNode): string => {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
};

/** Results that end their subscription (SUBSCRIPTION_INTERRUPTED). */
const terminal = new WeakSet<ExecutionResult>();

const interrupted = (error: SubscriptionInterrupted): ExecutionResult => {
  const result: ExecutionResult = {
    errors: [
      new GraphQLError(
        'Subscription interrupted: a service could not answer for the next event. Subscribe again with `after:` your last cursor to receive it.',
        { extensions: { code: 'SUBSCRIPTION_INTERRUPTED', reason: error.reason } },
      ),
    ],
  };
  terminal.add(result);
  return result;
};

/**
 * The `subscribe` graphql-ws calls: graphql-js drives the subscription over the API
 * schema (its source stream, then one execution per event) — arguments, aliases, fragments, directives — with the source stream of the
 * root field's `open` and its resolvers. Under a field resolved through the supergraph,
 * values are read back by the client's response names. A result carrying NotAllowed (or
 * one `allowed` refuses) is an event the subscriber may not see: dropped, not sent. A
 * subgraph failure (SubscriptionInterrupted) ends the subscription with SUBSCRIPTION_INTERRUPTED
 * instead, so the client resumes from its last cursor and loses nothing.
 */
export function createSubscriptionExecutor(fields: Record<string, SubscriptionField>): SubscriptionExecutor {
  const resolvers = new Map(Object.values(fields).flatMap((field) => Object.entries(field.resolvers ?? {})));
  const ownTypes = new Set(Object.values(fields).flatMap((field) => field.ownTypes ?? []));
  const opened = new WeakMap<object, OpenedSubscription & { field: SubscriptionField }>();
  const shared = shareInFlightByPair<ExecutionResult | null>();

  const subscribeFieldResolver: GraphQLFieldResolver<unknown, SubscriptionContext> = async (
    _root,
    args,
    context,
    info,
  ) => {
    const field = fields[info.fieldName];
    if (!field) {
      throw new GraphQLError(`Subscription.${info.fieldName} is not available yet`, {
        extensions: { code: 'NOT_IMPLEMENTED' },
      });
    }
    const subscription = await field.open(args, context);
    opened.set(context, { ...subscription, field });
    return subscription.events;
  };

  const fieldResolver: GraphQLFieldResolver<any, SubscriptionContext> = (source, args, context, info) => {
    const own = resolvers.get(`${info.parentType.name}.${info.fieldName}`);
    if (own) return own(source, args, context, info);
    // The event stream's value is the root field's value.
    if (info.parentType === info.schema.getSubscriptionType()) return source;
    if (ownTypes.has(info.parentType.name)) return defaultFieldResolver(source, args, context, info);
    // Under a field resolved through the supergraph: its answer, keyed by the client's response names.
    return (source as Record<string, unknown> | null)?.[info.path.key];
  };

  return async (args) => {
    const context = args.contextValue as SubscriptionContext;
    const stream = await createSourceEventStream({ ...args, subscribeFieldResolver });
    if (!(Symbol.asyncIterator in stream)) return stream;
    const events = stream as AsyncGenerator<unknown>;
    const allowed = async (result: ExecutionResult): Promise<boolean> => {
      if (result.errors?.some((e) => e.originalError instanceof NotAllowed)) return false;
      return (await opened.get(context)?.allowed?.(result)) ?? true;
    };
    // What graphql-js's subscribe does per event (execute with the payload as root value),
    // then the vetting; null: not for this subscriber.
    const vetted = async (payload: unknown): Promise<ExecutionResult | null> => {
      try {
        const result = await execute({ ...args, rootValue: payload, fieldResolver });
        const failed = result.errors?.find((e) => e.originalError instanceof SubscriptionInterrupted);
        if (failed) return interrupted(failed.originalError as SubscriptionInterrupted);
        return (await allowed(result)) ? result : null;
      } catch (error) {
        if (error instanceof SubscriptionInterrupted) return interrupted(error);
        throw error;
      }
    };
    // One user's connections (phones, tabs) with the same document get the same events at
    // the same moment: one execution per event serves them all — the answer is a function
    // of the event, the document and the viewer, resolved as that viewer. In flight only.
    const { identity } = context;
    const viewer = identity
      ? JSON.stringify([
          identity.userId,
          identity.role,
          printedOnce(args.document),
          args.operationName ?? null,
          args.variableValues ?? {},
        ])
      : null;
    let ended = false;
    const filtered: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        for (;;) {
          if (ended) return { done: true, value: undefined };
          const next = await events.next();
          if (next.done) return { done: true, value: undefined };
          const eventKey = opened.get(context)?.field.eventKey?.(next.value);
          const result =
            viewer !== null && eventKey !== undefined
              ? await shared(eventKey, viewer, () => vetted(next.value))
              : await vetted(next.value);
          if (result && terminal.has(result)) {
            // Its last word: the client resumes from the cursor it had before this event.
            ended = true;
            await events.return?.(undefined);
          }
          if (result) return { done: false, value: result };
        }
      },
      // Called directly (not queued behind a pending next) when the client completes or leaves.
      return: async () => {
        await events.return?.(undefined);
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return filtered;
  };
}
