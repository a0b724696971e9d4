import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { createAccessTokenVerifier } from '../auth/access-token.js';
import { createTestIssuer, type TestIssuer } from '../testing/test-issuer.js';
import { testLogger } from '../testing/test-logger.js';
import type { BaseContext } from './request-context.js';
import { startSubgraphServer, type RunningServer } from './subgraph-server.js';
import { MAX_VIEWER_BATCH, VIEWER_BATCH_PATH } from './viewer-batch.js';

/** A subgraph that tells each caller who it is, and how many lookups went together. */
const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, BaseContext>({
    name: 'Query',
    fields: {
      me: { type: GraphQLString, resolve: (_root, _args, context) => context.identity?.userId ?? null },
      requestId: { type: GraphQLString, resolve: (_root, _args, context) => context.requestId },
    },
  }),
});

let issuer: TestIssuer;
let server: RunningServer;
let batchUrl: string;

beforeAll(async () => {
  issuer = await createTestIssuer();
  server = await startSubgraphServer<BaseContext>({
    name: 'batch-test',
    schema,
    port: 0,
    logger: testLogger(),
    verifyToken: createAccessTokenVerifier({
      issuer: 'https://accounts.peerseed.local',
      audience: 'peerseed-api',
      keys: issuer.keys,
    }),
    extendContext: (base) => base,
    readiness: [],
  });
  batchUrl = server.url.replace(/\/graphql$/, VIEWER_BATCH_PATH);
});
afterAll(() => server.close());

const postBatch = async (items: unknown) =>
  fetch(batchUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) });

describe('viewer batch (POST /graphql-batch)', () => {
  it('runs each operation as its own caller, answered in order; a bad token fails only its own', async () => {
    const response = await postBatch([
      { authorization: `Bearer ${await issuer.token('alice', 'INVESTOR')}`, request: { query: '{ me }' } },
      { authorization: 'Bearer not-a-token', request: { query: '{ me }' } },
      { request: { query: '{ me }' } },
      {
        authorization: `Bearer ${await issuer.token('bob', 'PRODUCER')}`,
        requestId: 'req-bob-12345',
        request: { query: '{ me requestId }' },
      },
      { authorization: `Bearer ${await issuer.token('carol', 'INVESTOR')}`, request: { query: '{ nope }' } },
    ]);
    expect(response.status).toBe(200);
    const answers = (await response.json()) as { status: number; body?: any }[];
    expect(answers).toHaveLength(5);
    expect(answers[0]).toMatchObject({ status: 200, body: { data: { me: 'alice' } } });
    expect(answers[1]!.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(answers[1]!.body.data).toBeUndefined();
    expect(answers[2]).toMatchObject({ status: 200, body: { data: { me: null } } });
    expect(answers[3]).toMatchObject({ status: 200, body: { data: { me: 'bob', requestId: 'req-bob-12345' } } });
    expect(answers[4]!.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses anything but an array of 1 to MAX_VIEWER_BATCH operations', async () => {
    expect((await postBatch({ request: { query: '{ me }' } })).status).toBe(400);
    expect((await postBatch([])).status).toBe(400);
    expect((await postBatch([null])).status).toBe(400);
    const tooMany = Array.from({ length: MAX_VIEWER_BATCH + 1 }, () => ({ request: { query: '{ me }' } }));
    expect((await postBatch(tooMany)).status).toBe(400);
  });
});
