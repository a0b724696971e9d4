import { HeaderMap, type ApolloServer, type BaseContext as ApolloContext } from '@apollo/server';
import type { Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { runWithCorrelation } from '../logging/correlation.js';
import { REQUEST_ID_HEADER, requestIdFrom } from '../logging/request-id.js';

/** The path of the viewer batch beside a subgraph's `/graphql`. */
export const VIEWER_BATCH_PATH = '/graphql-batch';

/** Operations one batch may carry; the gateway sends fewer. */
export const MAX_VIEWER_BATCH = 100;

/** Bytes of one batch's body a subgraph accepts (as for one POST /graphql). */
export const MAX_VIEWER_BATCH_BYTES = 1_048_576;

/**
 * One operation of a viewer batch: what a single POST /graphql would carry — the body, and
 * the caller's own Authorization and request id headers.
 */
export interface ViewerBatchItem {
  authorization?: string;
  requestId?: string;
  request: unknown;
}

/**
 * POST /graphql-batch: several callers' operations in one HTTP request, each run exactly as
 * its own POST /graphql would be — its own token verified, its own context (EntityManager
 * fork, loaders), Apollo's whole pipeline and plugins — and answered in order as
 * `{ status, contentType, cacheControl, body | text }`. The gateway sends a subscription
 * event's viewers together (one request instead of one each): the HTTP round trips, not the
 * operations, were most of what a subgraph spent per viewer. Nothing of one caller reaches
 * another: each answer is built from its own operation only. The operations run
 * concurrently, so a subgraph's per-tick batching (e.g. the wallet's payment rights) still
 * gathers their lookups into one statement.
 */
export function viewerBatchHandler<C extends ApolloContext>(
  apollo: ApolloServer<C>,
  context: (headers: IncomingHttpHeaders) => Promise<C>,
) {
  const runOne = async (item: ViewerBatchItem): Promise<string> => {
    const requestId = requestIdFrom(item.requestId);
    const headers: IncomingHttpHeaders = {
      'content-type': 'application/json',
      [REQUEST_ID_HEADER]: requestId,
      ...(typeof item.authorization === 'string' ? { authorization: item.authorization } : {}),
    };
    const httpGraphQLRequest = {
      method: 'POST',
      headers: new HeaderMap(Object.entries(headers) as [string, string][]),
      search: '',
      body: item.request,
    };
    const response = await runWithCorrelation(requestId, () =>
      apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(headers) }),
    );
    let text: string;
    if (response.body.kind === 'complete') text = response.body.string;
    else {
      text = '';
      for await (const chunk of response.body.asyncIterator) text += chunk;
    }
    const contentType = response.headers.get('content-type') ?? '';
    const json = /^application\/(graphql-response\+)?json/.test(contentType) && response.body.kind === 'complete';
    // A JSON answer goes in as it is: no parse and stringify again.
    return `{"status":${response.status ?? 200},"contentType":${JSON.stringify(contentType)},"cacheControl":${JSON.stringify(response.headers.get('cache-control') ?? null)},${json ? `"body":${text}` : `"text":${JSON.stringify(text)}`}}`;
  };

  return async (req: Request, res: Response) => {
    const items: unknown = req.body;
    const wellFormed = (item: unknown) => typeof item === 'object' && item !== null;
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_VIEWER_BATCH || !items.every(wellFormed)) {
      res.status(400).json({ error: `a batch is an array of 1 to ${MAX_VIEWER_BATCH} operations` });
      return;
    }
    const answers = await Promise.all((items as ViewerBatchItem[]).map(runOne));
    res
      .status(200)
      .type('application/json')
      .send(`[${answers.join(',')}]`);
  };
}
