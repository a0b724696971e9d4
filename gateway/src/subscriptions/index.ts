import type { Server } from 'node:http';
import type { GatewayExecutor } from '@apollo/server-gateway-interface';
import type { AccessTokenVerifier, InProcessTransport, Logger } from '@peerseed/shared';
import {
  buildSchema,
  printSchema,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { Registry } from 'prom-client';
import { boundQueries } from './bounded-query.js';
import { coalesceQueries } from './coalesced-query.js';
import { inProcessEventSources } from './in-process-event-sources.js';
import { connectJetStreamEventSources } from './jetstream-event-sources.js';
import { notificationAddedField } from './notification-added.js';
import { paymentUpdatesField } from './payment-updates.js';
import { createSubscriptionExecutor } from './subscription-executor.js';
import { supergraphExecutor } from './supergraph-executor.js';
import { sharedTailSource } from './shared-tail-source.js';
import { attachSubscriptionServer } from './subscription-server.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import type { SupergraphQuery } from './supergraph-selection.js';

export interface SubscriptionsOptions {
  server: Server;
  /** @apollo/gateway's executor, once Apollo has started: internal queries run on it (supergraph-executor.ts). */
  executor: () => GatewayExecutor;
  /** Apollo Server's formatError, for the same client-safe errors as over HTTP. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
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
  limits: SubscriptionLimits;
  metrics?: Registry | undefined;
}

/** Subscriptions on `ws://…/graphql`: the graphql-ws server and the event source behind it. */
export async function startSubscriptions(options: SubscriptionsOptions): Promise<{ close: () => Promise<void> }> {
  const sources = options.nats
    ? await connectJetStreamEventSources({
        url: options.nats.url,
        ...(options.nats.namespace ? { namespace: options.nats.namespace } : {}),
      })
    : options.eventTransport
      ? inProcessEventSources(options.eventTransport)
      : null;
  if (!sources) options.logger.warn('no NATS_URL nor in-process events: subscriptions answer SERVICE_UNAVAILABLE');
  // One reader of each stream per gateway, fanned out to its subscribers (shared-tail-source.ts).
  const wallet = sources && sharedTailSource(sources.stream('WALLET'));
  const notifications = sources && sharedTailSource(sources.stream('NOTIFICATIONS'));
  const query: SupergraphQuery = coalesceQueries(
    boundQueries(
      supergraphExecutor({
        executor: options.executor,
        schema: options.schema,
        formatError: options.formatError,
        logger: options.logger,
      }),
      options.limits.maxConcurrentQueries,
    ),
  );
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
    limits: options.limits,
    metrics: options.metrics,
    subscribe: createSubscriptionExecutor({
      paymentUpdates: paymentUpdatesField({ source: wallet, query }),
      notificationAdded: notificationAddedField({ source: notifications, query }),
    }),
  });
  return {
    close: async () => {
      await server.close();
      await Promise.all([wallet?.close(), notifications?.close()]);
      await sources?.close(); // its readers; the in-process transport itself is the launcher's
    },
  };
}
