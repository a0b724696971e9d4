import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { AccessTokenVerifier, Logger } from '@peerseed/shared';
import { buildSchema, printSchema, type GraphQLSchema, type ParseOptions, type ValidationRule } from 'graphql';
import type { GatewayContext } from '../gateway-context.js';
import { connectJetStreamWalletSource } from './jetstream-wallet-source.js';
import { createPaymentUpdates, type SupergraphQuery } from './payment-updates.js';
import { coalesceQueries } from './coalesced-query.js';
import { sharedTailSource } from './shared-tail-source.js';
import { attachSubscriptionServer } from './subscription-server.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import type { Registry } from 'prom-client';
import type { WalletEventSource } from './wallet-event-source.js';

export { CLOSE_TOKEN_EXPIRED } from './close-codes.js';
export type { WalletEventSource } from './wallet-event-source.js';

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
  /** Otherwise a source of the caller's (e.g. over the launcher's in-process transport). */
  walletEvents?: WalletEventSource | undefined;
  limits?: Partial<SubscriptionLimits> | undefined;
  metrics?: Registry | undefined;
}

/** Subscriptions on `ws://…/graphql`: the graphql-ws server and the event source behind it. */
export async function startSubscriptions(options: SubscriptionsOptions): Promise<{ close: () => Promise<void> }> {
  const owned = options.nats
    ? await connectJetStreamWalletSource({
        url: options.nats.url,
        ...(options.nats.namespace ? { namespace: options.nats.namespace } : {}),
      })
    : null;
  // One reader of the stream per gateway, fanned out to its subscribers (shared-tail-source.ts).
  const source = owned || options.walletEvents ? sharedTailSource((owned ?? options.walletEvents)!) : null;
  if (!source) options.logger.warn('no NATS_URL nor in-process events: subscriptions answer SERVICE_UNAVAILABLE');
  const query: SupergraphQuery = coalesceQueries(async (text, variables, contextValue) => {
    const response = await options.apollo.executeOperation({ query: text, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
    return response.body.singleResult;
  });
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
    subscribe: createPaymentUpdates({ source, query }),
  });
  return {
    close: async () => {
      await server.close();
      await source?.close();
      await owned?.close(); // a source of the caller's is the caller's to close
    },
  };
}
