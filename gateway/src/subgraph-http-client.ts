import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { VIEWER_BATCH_PATH } from '@peerseed/shared';

/** A subgraph's answer as it came off the wire. */
export interface SubgraphHttpResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body already parsed (an answer out of a viewer batch, viewer-batches.ts). */
  json?: unknown;
}

/** Where one subgraph answers, parsed once rather than on every call. */
export interface SubgraphEndpoint {
  url: string;
  options: RequestOptions;
  send: typeof httpRequest;
  /** The subgraph's viewer batch beside it (`/graphql-batch`), when its path is `/graphql`. */
  batch?: SubgraphEndpoint;
}

/** POSTs `body` to a subgraph endpoint. */
export type SubgraphHttpClient = (
  endpoint: SubgraphEndpoint,
  headers: OutgoingHttpHeaders,
  body: string,
) => Promise<SubgraphHttpResponse>;

/** Keep-alive connections per subgraph origin. */
const MAX_SOCKETS = 256;

/**
 * The gateway's HTTP client for subgraph calls: node's http module over keep-alive
 * connections, returning the raw status, headers and body. fetch() (WHATWG streams,
 * Request/Response/Headers objects per call) cost about half the gateway's CPU per
 * request for this one job.
 */
export function createSubgraphHttpClient(options: { timeoutMs: number }) {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
  const endpoint = (url: string): SubgraphEndpoint => {
    const target = new URL(url);
    const https = target.protocol === 'https:';
    const at = (path: string): SubgraphEndpoint => ({
      url,
      send: https ? httpsRequest : httpRequest,
      options: {
        method: 'POST',
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[|\]$/g, ''), // IPv6 literals come bracketed
        port: target.port || (https ? 443 : 80),
        path: `${path}${target.search}`,
        agent: agents[https ? 'https:' : 'http:'],
      },
    });
    const single = at(target.pathname);
    if (target.pathname.endsWith('/graphql'))
      single.batch = at(target.pathname.replace(/\/graphql$/, VIEWER_BATCH_PATH));
    return single;
  };
  const post: SubgraphHttpClient = (target, headers, body) =>
    new Promise((resolve, reject) => {
      const req = target.send({ ...target.options, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
          }),
        );
      });
      req.setTimeout(options.timeoutMs, () =>
        req.destroy(new Error(`subgraph did not answer in ${options.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  return { endpoint, post };
}
