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

/** Builds the base context of one HTTP request: request id, request logger, verified identity. */
export async function createBaseContext(
  headers: IncomingHttpHeaders,
  logger: Logger,
  verify: AccessTokenVerifier,
): Promise<BaseContext> {
  const requestId = requestIdFrom(headers[REQUEST_ID_HEADER]);
  const identity = await identityFromAuthorization(headers.authorization, verify);
  return { requestId, identity, logger: logger.child({ reqId: requestId, userId: identity?.userId }) };
}
