import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { identityFromAuthorization, type AccessTokenVerifier, type Identity } from '../auth/access-token.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/request-id.js';

/** What every resolver of every subgraph gets; subgraphs extend it (EntityManager fork, loaders). */
export interface BaseContext {
  requestId: string;
  logger: Logger;
  /** The verified caller, or null for anonymous requests. */
  identity: Identity | null;
}

/**
 * Builds the base context of one HTTP request: request id, request logger, verified identity.
 * The request logger is made on first use: most requests log nothing at `info`, and a pino
 * child costs microseconds that a busy gateway pays on every request. (Spreading the context
 * into another object makes it at once, as before.)
 */
export async function createBaseContext(
  headers: IncomingHttpHeaders,
  logger: Logger,
  verify: AccessTokenVerifier,
): Promise<BaseContext> {
  const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]);
  const identity = await identityFromAuthorization(headers.authorization, verify);
  let requestLogger: Logger | undefined;
  return {
    requestId,
    identity,
    get logger() {
      return (requestLogger ??= logger.child({ reqId: requestId, userId: identity?.userId }));
    },
  };
}
