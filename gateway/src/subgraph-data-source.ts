import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { REQUEST_ID_HEADER } from '@peerseed/shared';
import { GraphQLError } from 'graphql';
import type { OutgoingHttpHeaders } from 'node:http';
import { cacheHintFromHeader } from './cache-hint.js';
import type { GatewayContext } from './gateway-context.js';
import type { SubgraphEndpoint, SubgraphHttpClient, SubgraphHttpResponse } from './subgraph-http-client.js';

/**
 * Calls one subgraph, forwarding the caller's bearer token (each subgraph verifies it
 * again: seed 000, no service trusts the network) and the request id for the logs.
 *
 * It does what RemoteGraphQLDataSource does for us (no APQ, no hooks) without its
 * per-call node-fetch Request and Headers objects: one JSON body out, one JSON parse in.
 * Errors look the same: a non-2xx answer is a GraphQLError `<status>: <text>` carrying
 * the response (UNAUTHENTICATED for 401, FORBIDDEN for 403).
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly endpoint: SubgraphEndpoint,
    private readonly post: SubgraphHttpClient,
    /** For contexts that allow it (`viewerBatch`): calls of several viewers in one request. */
    private readonly postBatched: SubgraphHttpClient = post,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { http, ...request } = options.request;
    if (!request.query) throw new Error('Missing query');
    const headers: OutgoingHttpHeaders = { 'content-type': 'application/json' };
    if (http) for (const [name, value] of http.headers) headers[name] = value;
    const { context } = options;
    // Health probes and schema loading carry no caller.
    if (context['requestId']) {
      headers[REQUEST_ID_HEADER] = context['requestId'];
      if (context['authorization']) headers['authorization'] = context['authorization'];
    }
    const post = context.viewerBatch ? this.postBatched : this.post;
    const response = await post(this.endpoint, headers, JSON.stringify(request));
    if (response.status < 200 || response.status > 299) throw this.errorFrom(response);
    const body: unknown = parseBody(response);
    if (typeof body !== 'object' || body === null)
      throw new Error(`Expected JSON response body, but received: ${body}`);
    if ('incomingRequestContext' in options) {
      options.incomingRequestContext.overallCachePolicy.restrict(
        cacheHintFromHeader(response.headers['cache-control']),
      );
    }
    return body as GatewayGraphQLResponse;
  }

  private errorFrom(response: SubgraphHttpResponse): GraphQLError {
    const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
    const { status, statusText } = response;
    return new GraphQLError(`${status}: ${statusText}`, {
      extensions: {
        response: { url: this.endpoint.url, status, statusText, body: parseBody(response) },
        ...(code ? { code } : {}),
      },
    });
  }
}

function parseBody(response: SubgraphHttpResponse): unknown {
  if ('json' in response) return response.json;
  const type = response.headers['content-type'];
  const text = response.body.toString('utf8');
  const json = type?.startsWith('application/json') || type?.startsWith('application/graphql-response+json');
  return json ? JSON.parse(text) : text;
}
