import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { RateLimitedError } from '@peerseed/shared';
import { GraphQLError, OperationTypeNode, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Counter } from 'prom-client';
import type { GatewayContext } from '../gateway-context.js';
import { countAuthFields } from './auth-fields.js';
import type { AuthRateLimitDecision, AuthRateLimiter } from './auth-rate-limiter.js';
import { requestClientAddress, type TrustedProxies } from './client-address.js';

/** The message of a refusal; shared with the token endpoint. */
export function refusalMessage(decision: Extract<AuthRateLimitDecision, { allowed: false }>, burst: number): string {
  return decision.overBurst
    ? `At most ${burst} sign-in operations fit in one request; send fewer`
    : `Too many sign-in attempts from this address; try again in ${decision.retryAfterSeconds} s`;
}

/**
 * The RATE_LIMITED error of the API (shared's RateLimitedError: `extensions.retryAfterSeconds`, as
 * accounts' per-account lock answers), with HTTP 429 and a Retry-After header.
 */
function rateLimitedError(message: string, retryAfterSeconds: number): GraphQLError {
  const error = new RateLimitedError(message, retryAfterSeconds);
  return new GraphQLError(error.message, {
    extensions: {
      ...error.details,
      code: error.code,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Counts an operation's login/register fields against its client's bucket once the
 * operation is known and valid, before it is planned, so a refused one never reaches accounts.
 * Every other operation returns at the first check; one listener serves all requests.
 */
export function authRateLimitPlugin(
  limiter: AuthRateLimiter,
  trusted: TrustedProxies,
  refused: Counter<'endpoint'>,
): ApolloServerPlugin<GatewayContext> {
  // Apollo's document store hands out the same parsed document for the same query text, so each
  // mutation is counted once, not on every request. Weak: evicted documents take their count along.
  const counts = new WeakMap<OperationDefinitionNode, number>();
  const attemptsIn = (operation: OperationDefinitionNode, document: DocumentNode): number => {
    let attempts = counts.get(operation);
    if (attempts === undefined) {
      attempts = countAuthFields(operation, document);
      counts.set(operation, attempts);
    }
    return attempts;
  };
  const listener: GraphQLRequestListener<GatewayContext> = {
    async didResolveOperation({ operation, document, contextValue }) {
      if (operation?.operation !== OperationTypeNode.MUTATION) return;
      const attempts = attemptsIn(operation, document);
      if (attempts === 0) return;
      const address = contextValue.req ? requestClientAddress(contextValue.req, trusted) : 'unknown';
      const decision = await limiter.take(address, attempts);
      if (decision.allowed) return;
      refused.inc({ endpoint: 'graphql' });
      throw rateLimitedError(refusalMessage(decision, limiter.policy.burst), decision.retryAfterSeconds);
    },
  };
  return { requestDidStart: async () => listener };
}
