import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { REQUEST_ID_HEADER } from '@peerseed/shared';
import type { GatewayContext } from './gateway-context.js';

/**
 * Calls one subgraph, forwarding the caller's bearer token (each subgraph verifies it
 * again: seed 000, no service trusts the network) and the request id for the logs.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    if (!context.requestId) return; // health probes and schema loading carry no caller
    request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}
