import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { AccessTokenVerifier, InProcessTransport, Logger } from '@peerseed/shared';
import { buildSchema, printSchema, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import type { EventSources } from './event-source.js';
import { inProcessEventSources } from './in-process-event-sources.js';
import { connectJetStreamEventSources } from './jetstream-event-sources.js';
import { notificationAddedField } from './notification-added.js';
import { paymentUpdatesField } from './payment-updates.js';
import { createSubscriptionExecutor } from './subscription-executor.js';
import { attachSubscriptionServer } from './subscription-server.js';
import type { SupergraphQuery } from './supergraph-selection.js';

export { CLOSE_TOKEN_EXPIRED } from './close-codes.js';
export type { EventSources } from './event-source.js';

export interface SubscriptionsOptions {
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /** The API schema, available once Apollo has started. */
  schema: () => GraphQLSchema;
  verify: AccessTokenVerifier;
  logger: Logger;
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  production: boolean;
  /** JetStream, when NATS_URL is set. */
  nats?: { url: string; namespace?: string | undefined } | undefined;
  /** Otherwise the in-process transport the subgraphs of this process publish to (`npm start`). */
  eventTransport?: InProcessTransport | undefined;
  /** Or sources of the caller's (tests). */
  events?: EventSources | undefined;
}

/** Subscriptions on `ws://…/graphql`: the graphql-ws server and the event source behind it. */
export async function startSubscriptions(options: SubscriptionsOptions): Promise<{ close: () => Promise<void> }> {
  const owned = options.nats
    ? await connectJetStreamEventSources({
        url: options.nats.url,
        ...(options.nats.namespace ? { namespace: options.nats.namespace } : {}),
      })
    : options.eventTransport
      ? inProcessEventSources(options.eventTransport)
      : null;
  const sources = owned ?? options.events ?? null;
  if (!sources) options.logger.warn('no NATS_URL nor in-process events: subscriptions answer SERVICE_UNAVAILABLE');
  const query: SupergraphQuery = async (text, variables, contextValue) => {
    const response = await options.apollo.executeOperation({ query: text, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult;
  };
  // @apollo/gateway's schema carries its own field resolvers (response-key lookups); ours
  // runs over a plain copy of it, rebuilt only when the gateway's changes.
  let cached: { from: GraphQLSchema; schema: GraphQLSchema } | null = null;
  const schema = () => {
    const from = options.schema();
    if (cached?.from !== from) cached = { from, schema: buildSchema(printSchema(from)) };
    return cached.schema;
  };
  const server = attachSubscriptionServer({
    server: options.server,
    path: '/graphql',
    schema,
    verify: options.verify,
    logger: options.logger,
    validationRules: options.validationRules,
    parseOptions: options.parseOptions,
    production: options.production,
    subscribe: createSubscriptionExecutor({
      paymentUpdates: paymentUpdatesField({ source: sources?.stream('WALLET') ?? null, query }),
      notificationAdded: notificationAddedField({ source: sources?.stream('NOTIFICATIONS') ?? null, query }),
    }),
  });
  return {
    close: async () => {
      await server.close();
      await owned?.close(); // sources of the caller's are the caller's to close
    },
  };
}
