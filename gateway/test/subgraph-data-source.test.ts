import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { MAX_VIEWER_BATCH_BYTES } from '@peerseed/shared';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cacheHintFromHeader } from '../src/cache-hint.js';
import type { GatewayContext } from '../src/gateway-context.js';
import { SubgraphDataSource } from '../src/subgraph-data-source.js';
import { createSubgraphHttpClient, type SubgraphHttpClient } from '../src/subgraph-http-client.js';
import { viewerBatches } from '../src/viewer-batches.js';

/** A stand-in subgraph on a free port that records what it got and answers what a test sets. */
let answer: { status: number; headers: Record<string, string>; body: string };
let received: { headers: IncomingHttpHeaders; body: string; url?: string }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body, url: req.url });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?x=1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  answer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"data":{"me":{"id":"u1"}}}' };
});

const client = createSubgraphHttpClient({ timeoutMs: 2000 });
const restricted: unknown[] = [];
const call = (context: Partial<GatewayContext>, variables?: Record<string, unknown>) =>
  new SubgraphDataSource(client.endpoint(url), client.post).process({
    kind: 'incoming operation',
    request: { query: '{ me { id } }', variables },
    context,
    incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => restricted.push(hint) } },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

describe('SubgraphDataSource', () => {
  it('posts the operation as JSON with the request id and the caller token, and returns the parsed body', async () => {
    const response = await call({ requestId: 'req-12345678', authorization: 'Bearer abc' }, { a: 1 });
    expect(response).toEqual({ data: { me: { id: 'u1' } } });
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe('/graphql?x=1');
    expect(JSON.parse(received[0]!.body)).toEqual({ query: '{ me { id } }', variables: { a: 1 } });
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-request-id': 'req-12345678',
      authorization: 'Bearer abc',
    });
  });

  it('forwards no identity for requests without a caller (schema loading, health checks)', async () => {
    await call({ authorization: 'Bearer abc' });
    expect(received[0]!.headers['authorization']).toBeUndefined();
    expect(received[0]!.headers['x-request-id']).toBeUndefined();
  });

  it('turns a 401 into an UNAUTHENTICATED GraphQL error carrying the response', async () => {
    answer = { status: 401, headers: { 'content-type': 'application/json' }, body: '{"errors":[]}' };
    const error = (await call({ requestId: 'req-12345678' }).catch((e: unknown) => e)) as GraphQLError;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error.message).toBe('401: Unauthorized');
    expect(error.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      response: { status: 401, statusText: 'Unauthorized', body: { errors: [] } },
    });
  });

  it('rejects a body that is not a JSON object', async () => {
    answer = { status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' };
    await expect(call({})).rejects.toThrow('Expected JSON response body, but received: hello');
  });

  it("restricts the gateway's cache policy by the subgraph's Cache-Control", async () => {
    restricted.length = 0;
    answer.headers['cache-control'] = 'max-age=60, private';
    await call({});
    expect(restricted).toEqual([{ maxAge: 60, scope: 'PRIVATE' }]);
  });

  it('fails a call the subgraph does not answer in time', async () => {
    const slow = createSubgraphHttpClient({ timeoutMs: 50 });
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      await expect(slow.post(slow.endpoint(`http://127.0.0.1:${port}/graphql`), {}, '{}')).rejects.toThrow(
        'subgraph did not answer in 50 ms',
      );
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('cacheHintFromHeader', () => {
  it('reads max-age and scope the way Apollo does; no header means no caching', () => {
    expect(cacheHintFromHeader(undefined)).toEqual({ maxAge: 0 });
    expect(cacheHintFromHeader('public, max-age=30')).toEqual({ maxAge: 30, scope: 'PUBLIC' });
    expect(cacheHintFromHeader('no-store')).toEqual({ maxAge: 0 });
    expect(cacheHintFromHeader('max-age=abc')).toEqual({ maxAge: 0 });
  });
});

describe('viewer batches', () => {
  const batchedCall = (post: ReturnType<typeof viewerBatches>, context: Partial<GatewayContext>) =>
    new SubgraphDataSource(client.endpoint(url), client.post, post).process({
      kind: 'incoming operation',
      request: { query: '{ me { id } }' },
      context,
      incomingRequestContext: { overallCachePolicy: { restrict: () => {} } },
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

  it("sends one turn's calls of viewer-batch contexts in one request, each with its own token, each its own answer", async () => {
    answer.body = JSON.stringify([
      { status: 200, contentType: 'application/json', cacheControl: null, body: { data: { me: { id: 'a' } } } },
      { status: 200, contentType: 'application/json', cacheControl: null, body: { data: { me: { id: 'b' } } } },
    ]);
    const post = viewerBatches(client.post);
    const [a, b] = await Promise.all([
      batchedCall(post, { requestId: 'req-aaaaaaaa', authorization: 'Bearer a', viewerBatch: true }),
      batchedCall(post, { requestId: 'req-bbbbbbbb', authorization: 'Bearer b', viewerBatch: true }),
    ]);
    expect([a, b]).toEqual([{ data: { me: { id: 'a' } } }, { data: { me: { id: 'b' } } }]);
    expect(received).toHaveLength(1);
    expect(received[0]!.url).toBe('/graphql-batch?x=1');
    expect(JSON.parse(received[0]!.body)).toEqual([
      { authorization: 'Bearer a', requestId: 'req-aaaaaaaa', request: { query: '{ me { id } }' } },
      { authorization: 'Bearer b', requestId: 'req-bbbbbbbb', request: { query: '{ me { id } }' } },
    ]);
  });

  it('maps an operation answered 401 as a call of its own would be, and a failed batch fails each call', async () => {
    answer.body = JSON.stringify([{ status: 401, contentType: 'application/json', cacheControl: null, body: {} }]);
    const post = viewerBatches(client.post);
    const error = await batchedCall(post, { requestId: 'req-12345678', viewerBatch: true }).catch((e: unknown) => e);
    expect((error as GraphQLError).extensions['code']).toBe('UNAUTHENTICATED');
    expect((error as GraphQLError).message).toBe('401: Unauthorized'); // as the call alone would say
    answer = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'boom' };
    const calls = [1, 2].map(() => batchedCall(post, { requestId: 'req-12345678', viewerBatch: true }));
    for (const failed of calls) await expect(failed).rejects.toThrow('500: Internal Server Error');
  });

  it('sends a batch as soon as it is full, the rest at the end of the turn', async () => {
    const sent: { authorization: string }[][] = [];
    const fake: SubgraphHttpClient = async (_endpoint, _headers, body) => {
      const items = JSON.parse(body) as { authorization: string }[];
      sent.push(items);
      const answers = items.map((item) => ({
        status: 200,
        contentType: 'application/json',
        cacheControl: null,
        body: { data: { me: { id: item.authorization } } },
      }));
      return { status: 200, statusText: 'OK', headers: {}, body: Buffer.from(JSON.stringify(answers)) };
    };
    const post = viewerBatches(fake, 2);
    const calls = ['a', 'b', 'c'].map((who) =>
      batchedCall(post, { requestId: `req-${who}-1234567`, authorization: who, viewerBatch: true }),
    );
    expect(sent.map((batch) => batch.length)).toEqual([2]); // before the turn ends
    expect(await Promise.all(calls)).toEqual(['a', 'b', 'c'].map((id) => ({ data: { me: { id } } })));
    expect(sent.map((batch) => batch.map((item) => item.authorization))).toEqual([['a', 'b'], ['c']]);
  });

  it('starts another batch before one would outgrow what a subgraph accepts in a body', async () => {
    const sizes: number[] = [];
    const fake: SubgraphHttpClient = async (_endpoint, _headers, body) => {
      const items = JSON.parse(body) as unknown[];
      sizes.push(body.length);
      const answers = items.map(() => ({ status: 200, contentType: 'application/json', cacheControl: null, body: {} }));
      return { status: 200, statusText: 'OK', headers: {}, body: Buffer.from(JSON.stringify(answers)) };
    };
    const post = viewerBatches(fake);
    const large = { requestId: 'req-12345678', viewerBatch: true, authorization: `Bearer ${'x'.repeat(200_000)}` };
    await Promise.all([batchedCall(post, large), batchedCall(post, large), batchedCall(post, large)]);
    expect(sizes).toHaveLength(3);
    expect(Math.max(...sizes)).toBeLessThan(MAX_VIEWER_BATCH_BYTES / 3);
  });

  it('leaves calls of other contexts (HTTP clients) alone', async () => {
    await batchedCall(viewerBatches(client.post), { requestId: 'req-12345678' });
    expect(received[0]!.url).toBe('/graphql?x=1');
  });
});
