import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  identityFromAuthorization,
  UnauthenticatedError,
  type AccessTokenVerifier,
  type Identity,
  type Logger,
} from '@peerseed/shared';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type GraphQLSchema,
  type ExecutionResult,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import type { Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { CLOSE_TOKEN_EXPIRED, CLOSE_TOO_MANY_CONNECTIONS, EXPIRY_MARGIN_MS } from './close-codes.js';
import type { SubscriptionContext, SubscriptionExecutor } from './subscription-executor.js';
import { guardSlowConsumer } from './slow-consumer-guard.js';
import { closeGoingAway } from './going-away.js';
import { documentCache } from './document-cache.js';
import type { SubscriptionLimits } from './subscription-limits.js';
import { subscriptionMetrics } from './subscription-metrics.js';
import { UserConnections } from './user-connections.js';
import { serveGraphqlWs } from './ws-transport.js';
import { checkDocumentSize } from '../limits/index.js';

export interface SubscriptionServerOptions {
  server: Server;
  path: string;
  /** The API schema clients see (the gateway's, once loaded). */
  schema: () => GraphQLSchema;
  verify: AccessTokenVerifier;
  logger: Logger;
  /** The same limits HTTP operations get. */
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  /** Executes a validated subscription (subscription-executor.ts). */
  subscribe: SubscriptionExecutor;
  production: boolean;
  limits: SubscriptionLimits;
  /** Where the subscription metrics go (the gateway's /metrics). */
  metrics?: Registry | undefined;
}

/** Who the connection is, set by `connection_init`. */
type ConnectionExtra = {
  identity?: Identity;
  authorization?: string;
};

/** The bearer token of `connection_init`'s payload: `{ "Authorization": "Bearer <token>" }`. */
const authorizationOf = (params: Record<string, unknown> | undefined): string | undefined => {
  const value = params?.['Authorization'] ?? params?.['authorization'];
  return typeof value === 'string' ? value : undefined;
};

/**
 * graphql-ws (`graphql-transport-ws`) on the gateway's HTTP server. A connection must
 * present a valid access token in `connection_init` (else graphql-ws closes it with 4403
 * Forbidden) and is closed with 4440 just before that token expires; the client
 * reconnects with a fresh token and resumes from its last cursor. Only subscriptions are
 * served here: queries and mutations go over HTTP. Limits: connections per user,
 * subscriptions per connection, a bounded backlog per subscription (SLOW_CONSUMER), pings.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { close: () => Promise<void> } {
  const { limits } = options;
  // ws accepts 100 MiB messages by default, before anyone is authenticated.
  const wss = new WebSocketServer({ server: options.server, path: options.path, maxPayload: limits.maxMessageBytes });
  const rules = [...specifiedRules, ...options.validationRules];
  const userConnections = new UserConnections(limits.maxConnectionsPerUser);
  const metrics = subscriptionMetrics(options.metrics);
  const documents = documentCache();
  const disposable = serveGraphqlWs<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        let identity: Identity | null;
        try {
          identity = await identityFromAuthorization(authorization, options.verify);
        } catch (error) {
          if (error instanceof UnauthenticatedError) return false;
          throw error; // e.g. the JWKS is unreachable: 4500, not the client's fault
        }
        if (!identity || !authorization) return false;
        const socket = ctx.extra.socket;
        // Gone while its token was checked: counting it now would never be undone by a 'close'.
        if (socket.readyState !== socket.OPEN) return false;
        if (!userConnections.tryAdd(identity.userId)) {
          // Closed before graphql-ws's own 4403, which a closing socket then ignores.
          socket.close(CLOSE_TOO_MANY_CONNECTIONS.code, CLOSE_TOO_MANY_CONNECTIONS.reason);
          metrics.limited.inc({ reason: 'too_many_connections' });
          return false;
        }
        metrics.connections.inc();
        socket.once('close', () => {
          userConnections.remove(identity.userId);
          metrics.connections.dec();
        });
        ctx.extra.identity = identity;
        ctx.extra.authorization = authorization;
        const remaining = identity.expiresAt.getTime() - Date.now() - EXPIRY_MARGIN_MS;
        // setTimeout fires at once beyond 2^31-1 ms; access tokens live minutes anyway.
        const timer = setTimeout(
          () => socket.close(CLOSE_TOKEN_EXPIRED.code, CLOSE_TOKEN_EXPIRED.reason),
          Math.min(Math.max(remaining, 0), 2 ** 31 - 1),
        );
        socket.once('close', () => clearTimeout(timer));
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const schema = options.schema();
        const tooLarge = checkDocumentSize(payload.query, limits.maxDocumentBytes);
        if (tooLarge) return [tooLarge];
        const document = documents(schema, payload.query, () => {
          try {
            const parsed = parse(payload.query, options.parseOptions);
            const errors = validate(schema, parsed, rules);
            return errors.length > 0 ? errors : parsed;
          } catch (error) {
            return [error instanceof GraphQLError ? error : new GraphQLError('Could not parse the document')];
          }
        });
        if (!('kind' in document)) return [...document];
        // graphql-ws has already counted this one in.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerConnection) {
          metrics.limited.inc({ reason: 'too_many_subscriptions' });
          return [
            new GraphQLError(
              `Too many subscriptions on this connection (at most ${limits.maxSubscriptionsPerConnection}): complete one first`,
              { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: limits.maxSubscriptionsPerConnection } },
            ),
          ];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [new GraphQLError('Unknown operation', { extensions: { code: 'BAD_USER_INPUT' } })];
        if (operation.operation !== 'subscription') {
          return [
            new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const identity = ctx.extra.identity!;
        const requestId = randomUUID();
        // A fresh context per subscription: the executor keeps each subscription's state by it.
        let logger: Logger | undefined;
        const contextValue: SubscriptionContext = {
          requestId,
          identity,
          authorization: ctx.extra.authorization!,
          viewerBatch: true,
          // Made when first used (an error being logged), not for each of a thousand idle subscriptions.
          get logger() {
            return (logger ??= options.logger.child({ reqId: requestId, userId: identity.userId, subscription: true }));
          },
        };
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
      },
      subscribe: options.subscribe,
      onOperation: (ctx, id, _payload, _args, result) => {
        if (!(Symbol.asyncIterator in result)) return result;
        metrics.subscriptions.inc();
        return guardSlowConsumer(result as AsyncIterableIterator<ExecutionResult>, {
          socket: ctx.extra.socket,
          maxPendingResults: limits.maxPendingResults,
          maxBufferedBytes: limits.maxBufferedBytes,
          onSlow: () => {
            metrics.limited.inc({ reason: 'slow_consumer' });
            options.logger.warn({ userId: ctx.extra.identity?.userId, id }, 'slow subscriber stopped');
          },
          onEnd: () => metrics.subscriptions.dec(),
        });
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription refused');
      },
    },
    wss,
    { keepAliveMs: limits.keepAliveMs, logger: options.logger, production: options.production },
  );
  return {
    close: async () => {
      await closeGoingAway(wss);
      await disposable.dispose();
    },
  };
}
