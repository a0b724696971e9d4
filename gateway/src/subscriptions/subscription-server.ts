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
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { CLOSE_TOKEN_EXPIRED, EXPIRY_MARGIN_MS } from './close-codes.js';
import type { SubscriptionContext, SubscriptionExecutor } from './payment-updates.js';

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
  /** Executes a validated subscription (see createPaymentUpdates). */
  subscribe: SubscriptionExecutor;
  production: boolean;
  keepAliveMs?: number;
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
 * Forbidden) and is closed with 4401 just before that token expires; the client
 * reconnects with a fresh token and resumes from its last cursor. Only subscriptions are
 * served here: queries and mutations go over HTTP.
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { close: () => Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: options.path });
  const rules = [...specifiedRules, ...options.validationRules];
  const disposable = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      isProd: options.production,
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
        ctx.extra.identity = identity;
        ctx.extra.authorization = authorization;
        const socket = ctx.extra.socket;
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
        let document;
        try {
          document = parse(payload.query, options.parseOptions);
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Could not parse the document')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors;
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
        // A fresh context per subscription: it tracks the event being delivered.
        const contextValue: SubscriptionContext = {
          requestId,
          identity,
          authorization: ctx.extra.authorization!,
          logger: options.logger.child({ reqId: requestId, userId: identity.userId, subscription: true }),
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
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((e) => e.message) }, 'subscription refused');
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );
  return {
    close: async () => {
      await disposable.dispose();
    },
  };
}
