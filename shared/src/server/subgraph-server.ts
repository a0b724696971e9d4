import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AccessTokenVerifier } from '../auth/access-token.js';
import { createErrorFormatter } from '../errors/format-graphql-error.js';
import { createHttpApp, type ReadinessCheck } from './http-app.js';
import { listen } from './listen.js';
import { requestLoggingPlugin } from './request-logging.plugin.js';
import { createBaseContext, type BaseContext } from './request-context.js';
import { contextErrorAsGraphqlError } from './context-error.js';
import { MAX_VIEWER_BATCH_BYTES, VIEWER_BATCH_PATH, viewerBatchHandler } from './viewer-batch.js';
import type { IncomingHttpHeaders } from 'node:http';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  port: number;
  host?: string;
  logger: Logger;
  verifyToken: AccessTokenVerifier;
  /** Adds the subgraph's per-request parts (EntityManager fork, loaders) to the base context. */
  extendContext: (base: BaseContext) => C | Promise<C>;
  readiness: ReadinessCheck[];
  /** Extra HTTP routes (e.g. accounts' JWKS and OAuth2 token endpoint), mounted before /graphql. */
  routes?: (app: Express) => void;
  plugins?: ApolloServerPlugin<C>[];
  /** Prometheus registry served at /metrics. */
  metrics?: Registry;
  /** Called during shutdown after the HTTP server stopped accepting requests. */
  onClose?: () => Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/**
 * One subgraph over HTTP: Apollo Server 5 on `/graphql`, health endpoints, the
 * shared error formatter and request logging, and a graceful shutdown that drains
 * in-flight requests before closing the subgraph's resources.
 */
export async function startSubgraphServer<C extends BaseContext>(
  options: SubgraphServerOptions<C>,
): Promise<RunningServer> {
  const app = createHttpApp(options.logger, options.readiness, options.metrics);
  options.routes?.(app);
  const http = await listen(app, options.port, options.host ?? '127.0.0.1');
  const apollo = new ApolloServer<C>({
    schema: options.schema,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    // Shutdown on SIGTERM/SIGINT is ours (runUntilSignal): Apollo's own handlers would race it.
    stopOnTerminationSignals: false,
    // A bad variable (e.g. a malformed Decimal) answered 200 with BAD_USER_INPUT: the gateway
    // passes GraphQL errors through, whereas it turns a 400 from a subgraph into a generic error.
    // (Deprecated for Apollo Server 6: by then the gateway must map subgraph 400s itself.)
    status400ForVariableCoercionErrors: false,
    // Apollo's own warnings (e.g. that deprecation) go to the service log, not the console.
    logger: options.logger,
    // Subgraphs are internal: the gateway introspects nothing at run time, composition is static.
    introspection: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: http.server }),
      ApolloServerPluginLandingPageDisabled(),
      // No Apollo Studio here: don't compute traces for the gateway to forward.
      ApolloServerPluginInlineTraceDisabled(),
      requestLoggingPlugin(options.logger),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  const context = async (headers: IncomingHttpHeaders) => {
    try {
      return await options.extendContext(await createBaseContext(headers, options.logger, options.verifyToken));
    } catch (error) {
      throw contextErrorAsGraphqlError(error, options.logger);
    }
  };
  app.post(VIEWER_BATCH_PATH, express.json({ limit: MAX_VIEWER_BATCH_BYTES }), viewerBatchHandler(apollo, context));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: ({ req }) => context(req.headers) }),
  );
  const url = `http://${options.host ?? '127.0.0.1'}:${http.port}/graphql`;
  options.logger.info({ url }, `${options.name} subgraph ready`);
  return {
    url,
    port: http.port,
    close: async () => {
      await apollo.stop();
      await options.onClose?.();
    },
  };
}
