import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request whose JSON body has been read (by express.json() or the fast path). */
export type RequestWithBody = IncomingMessage & { body?: unknown };

/**
 * Apollo Server behind a JSON body reader (express.json() or the fast path): what `expressMiddleware` from
 * @as-integrations/express5 does, minus its per-request costs that this hot path does not
 * need — a legacy `url.parse` of every URL and express's `res.send` (an ETag hashed over
 * every response, which GraphQL clients never revalidate). The response goes out with one
 * `writeHead` and one `end`.
 */
export function graphqlHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (req: RequestWithBody) => Promise<C>,
): (req: RequestWithBody, res: ServerResponse) => Promise<void> {
  server.assertStarted('graphqlHandler()');
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: (req.method ?? 'GET').toUpperCase(),
        headers,
        search: query < 0 ? '' : url.slice(query),
        body: req.body,
      },
      context: () => context(req),
    });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    // Incremental delivery (@defer): chunks as they come.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
