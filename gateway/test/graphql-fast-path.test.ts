import { createLogger, currentCorrelationId } from '@peerseed/shared';
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { graphqlFastPath } from '../src/http/graphql-fast-path.js';

/** The fast path in front of a stand-in "express app" that only says it was used. */
let server: Server;
let base: string;
/** Each body the handler got, with the correlation id its logs would carry. */
const handled: { body: unknown; correlationId: string | undefined }[] = [];

beforeAll(async () => {
  const app = (_req: unknown, res: { end: (body: string) => void }) => res.end('express');
  server = createServer(
    graphqlFastPath(app as never, {
      path: '/graphql',
      maxBodyBytes: 100,
      logger: createLogger('test', 'silent'),
      handle: async (req, res) => {
        handled.push({ body: req.body, correlationId: currentCorrelationId() });
        res.end(`fast ${JSON.stringify(req.body)}`);
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends a request with node's client, so headers and chunking are exactly what the test says. */
function send(options: { method?: string; path?: string; headers?: Record<string, string>; chunks?: string[] }) {
  return new Promise<{ status: number; body: string; requestId?: string }>((resolve, reject) => {
    const req = request(
      `${base}${options.path ?? '/graphql'}`,
      { method: options.method ?? 'POST', headers: options.headers ?? { 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body, requestId: res.headers['x-request-id'] as string | undefined }),
        );
      },
    );
    req.on('error', reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}

describe('graphqlFastPath', () => {
  it('serves a JSON POST itself, with the request id settled', async () => {
    const response = await send({
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'caller-id-0001' },
      chunks: ['{"query":', '"{ me { id } }"}'],
    });
    expect(response).toEqual({ status: 200, body: 'fast {"query":"{ me { id } }"}', requestId: 'caller-id-0001' });
    // The handler runs under the request id, so every log line of the request carries it.
    expect(handled.at(-1)).toEqual({ body: { query: '{ me { id } }' }, correlationId: 'caller-id-0001' });
    expect((await send({ path: '/graphql?x=1', chunks: ['{}'] })).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads an empty body as {} the way express.json() does', async () => {
    expect((await send({})).body).toBe('fast {}');
  });

  it('leaves every other request to the express app', async () => {
    expect((await send({ method: 'GET' })).body).toBe('express');
    expect((await send({ path: '/oauth/token' })).body).toBe('express');
    expect((await send({ headers: { 'content-type': 'text/plain' }, chunks: ['{}'] })).body).toBe('express');
    const gzip = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    expect((await send({ headers: gzip, chunks: ['x'] })).body).toBe('express');
  });

  it('answers bad JSON with 400 and oversized bodies with 413, in the GraphQL error shape', async () => {
    for (const chunks of [['{"query": '], ['"a string"'], [' ']]) {
      const response = await send({ chunks });
      expect([response.status, JSON.parse(response.body).errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    }
    // Streamed without Content-Length: the limit applies to what arrives.
    const streamed = await send({
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      chunks: ['{"query":"', 'x'.repeat(80), 'y'.repeat(80), '"}'],
    });
    expect(streamed.status).toBe(413);
    const big = `{"query":"${'x'.repeat(200)}"}`;
    const declared = await send({
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      chunks: [big],
    });
    expect(declared.status).toBe(413);
  });

  it('survives a client that hangs up halfway through its body', async () => {
    const { port } = new URL(base);
    const handledBefore = handled.length;
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 50\r\n\r\n{"qu',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handled).toHaveLength(handledBefore); // the partial body never reached the handler
    expect((await send({ chunks: ['{"ok":true}'] })).body).toBe('fast {"ok":true}');
  });
});
