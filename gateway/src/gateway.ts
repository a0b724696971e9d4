import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  contextErrorAsGraphqlError,
  createAccessTokenVerifier,
  createBaseContext,
  createErrorFormatter,
  createHttpApp,
  listen,
  remoteJwks,
  requestLoggingPlugin,
  type InProcessTransport,
  type Logger,
  type RunningServer,
} from '@peerseed/shared';
import express from 'express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { operationMetricsPlugin } from './operation-metrics.plugin.js';
import type { JWTVerifyGetKey } from 'jose';
import type { RequestListener } from 'node:http';
import { subgraphUrls, type GatewayConfig } from './config.js';
import type { GatewayContext } from './gateway-context.js';
import { createAccountsProxy } from './http/accounts-proxy.js';
import { graphqlFastPath } from './http/graphql-fast-path.js';
import { graphqlHandler } from './http/graphql-handler.js';
import { createGraphqlIdeRouter } from './http/graphql-ide.js';
import { jsonBodyErrors } from './http/json-body-errors.js';
import { createAuthRateLimit } from './auth-rate-limit/index.js';
import { apolloLimitOptions } from './limits/index.js';
import { createSubgraphHttpClient } from './subgraph-http-client.js';
import { SubgraphDataSource } from './subgraph-data-source.js';
import { viewerBatches } from './viewer-batches.js';
import { startSubscriptions } from './subscriptions/index.js';
import { composedSubgraphUrls, loadSupergraphSdl } from './supergraph.js';

export interface GatewayOptions {
  config: GatewayConfig;
  logger: Logger;
  /** Verification keys; defaults to the accounts JWKS at ACCOUNTS_JWKS_URL. */
  keys?: JWTVerifyGetKey;
  /** Subscription events without NATS_URL: the in-process transport the launcher's subgraphs share. */
  eventTransport?: InProcessTransport;
  /** The sign-in rate limit's clock (ms); tests control it. */
  now?: () => number;
}

/**
 * The one public endpoint: @apollo/gateway inside Apollo Server over the supergraph
 * composed at build time. It verifies the caller's token, refuses abusive documents
 * before planning, and forwards the caller's identity to the subgraphs.
 */
export async function startGateway({
  config,
  logger,
  keys,
  eventTransport,
  now,
}: GatewayOptions): Promise<RunningServer> {
  const supergraphSdl = await loadSupergraphSdl();
  const urls = composedSubgraphUrls(supergraphSdl, subgraphUrls(config));
  const subgraphs = createSubgraphHttpClient({ timeoutMs: config.SUBGRAPH_TIMEOUT_MS });
  const batched = viewerBatches(subgraphs.post, config.SUBSCRIPTIONS_VIEWER_BATCH_SIZE);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(subgraphs.endpoint(urls[name] ?? url!), subgraphs.post, batched),
  });
  const verify = createAccessTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: keys ?? remoteJwks(config.ACCOUNTS_JWKS_URL),
  });
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, labels: { service: 'gateway' } });
  const app = createHttpApp(
    logger,
    Object.entries(urls).map(([name, url]) => ({
      name,
      check: async () => {
        const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(2000) });
        if (!response.ok) throw new Error(`${name} answered ${response.status}`);
      },
    })),
    metrics,
  );
  // POST /graphql skips express once Apollo is up (graphqlFastPath); the rest is the express app.
  let serve: RequestListener = app;
  const http = await listen((req, res) => serve(req, res), config.PORT, config.HOST);
  const production = config.NODE_ENV === 'production';
  const limits = apolloLimitOptions({
    maxDepth: config.MAX_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxRootFields: config.MAX_ROOT_FIELDS,
    maxTokens: config.MAX_TOKENS,
    maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    maxCost: config.MAX_COST,
  });
  const authRateLimit = createAuthRateLimit({
    policy: { perMinute: config.AUTH_RATE_LIMIT_PER_MINUTE, burst: config.AUTH_RATE_LIMIT_BURST },
    trustedProxies: config.TRUST_PROXY,
    ...(config.REDIS_URL ? { redis: { url: config.REDIS_URL, keyPrefix: config.REDIS_KEY_PREFIX } } : {}),
    logger,
    metrics,
    ...(now ? { now } : {}),
  });
  const formatError = createErrorFormatter(logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Shutdown on SIGTERM/SIGINT is ours (runUntilSignal): Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    introspection: config.INTROSPECTION,
    // "Did you mean …?" suggestions reveal the schema to someone probing it.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http.server }),
      ApolloServerPluginLandingPageDisabled(),
      requestLoggingPlugin(logger),
      operationMetricsPlugin(metrics),
      ...limits.plugins,
      authRateLimit.plugin,
    ],
  });
  await apollo.start();
  const handleGraphql = graphqlHandler(apollo, async (req) => {
    try {
      const base = await createBaseContext(req.headers, logger, verify);
      return { ...base, req, ...(base.identity ? { authorization: req.headers.authorization } : {}) };
    } catch (error) {
      throw contextErrorAsGraphqlError(error, logger);
    }
  });
  app.use(createAccountsProxy(config.ACCOUNTS_URL, authRateLimit.tokenEndpoint));
  if (config.GRAPHQL_IDE) app.use(createGraphqlIdeRouter({ graphqlPath: '/graphql' }));
  app.use('/graphql', express.json({ limit: config.MAX_BODY_BYTES }), jsonBodyErrors, handleGraphql);
  serve = graphqlFastPath(app, {
    path: '/graphql',
    maxBodyBytes: config.MAX_BODY_BYTES,
    handle: handleGraphql,
    logger,
  });
  const subscriptions = await startSubscriptions({
    server: http.server,
    executor: () => gateway.executor,
    formatError,
    schema: () => gateway.schema!,
    verify,
    logger,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    production,
    nats: config.NATS_URL ? { url: config.NATS_URL, namespace: config.EVENTS_NAMESPACE } : undefined,
    eventTransport,
    metrics,
    limits: {
      maxSubscriptionsPerConnection: config.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      maxConnectionsPerUser: config.SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER,
      keepAliveMs: config.SUBSCRIPTIONS_KEEP_ALIVE_MS,
      maxPendingResults: config.SUBSCRIPTIONS_MAX_PENDING_RESULTS,
      maxBufferedBytes: config.SUBSCRIPTIONS_MAX_BUFFERED_BYTES,
      maxConcurrentQueries: config.SUBSCRIPTIONS_MAX_CONCURRENT_QUERIES,
      maxMessageBytes: config.MAX_BODY_BYTES,
      maxDocumentBytes: config.MAX_DOCUMENT_BYTES,
    },
  });
  const url = `http://127.0.0.1:${http.port}/graphql`;
  logger.info({ url, subgraphs: urls }, 'gateway ready');
  return {
    url,
    port: http.port,
    // Sockets first: an open WebSocket would hold the HTTP server's drain.
    close: async () => {
      await subscriptions.close();
      await apollo.stop();
      await authRateLimit.close();
    },
  };
}
