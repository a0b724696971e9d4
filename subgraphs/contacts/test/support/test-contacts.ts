import {
  createTestDatabase,
  createTestIssuer,
  deleteRedisKeys,
  testKeyPrefix,
  testLogger,
  testRedisUrl,
  type TestIssuer,
} from '@peerseed/shared/testing';
import type { Logger } from '@peerseed/shared';
import { startContacts, type ContactsApp } from '../../src/app.js';
import { loadContactsConfig, type ContactsConfig } from '../../src/config.js';

export interface TestContacts extends ContactsApp {
  config: ContactsConfig;
  issuer: TestIssuer;
  /** The per-file database (a spawned worker connects to it with DATABASE_NAME). */
  dbName: string;
  serverUrl: string;
  /** Stops the subgraph, drops its database and deletes its Redis keys. */
  stop: () => Promise<void>;
}

/**
 * Starts the contacts subgraph on a free port over a fresh database, with real Redis
 * under a key prefix of its own (unless REDIS_URL is overridden) and tokens from a test issuer.
 */
export async function startTestContacts(
  env: Record<string, string> = {},
  options: { runWorker?: boolean; logger?: Logger } = {},
): Promise<TestContacts> {
  const db = createTestDatabase('contacts');
  const issuer = await createTestIssuer();
  const config = loadContactsConfig({
    DATABASE_URL: db.serverUrl,
    PORT: '0',
    WORKER_PORT: '0',
    NODE_ENV: 'test',
    REDIS_URL: testRedisUrl(),
    REDIS_KEY_PREFIX: testKeyPrefix('contacts'),
    ...env,
  });
  const app = await startContacts({
    config,
    logger: options.logger ?? testLogger(),
    dbName: db.dbName,
    verificationKeys: issuer.keys,
    ...(options.runWorker === undefined ? {} : { runWorker: options.runWorker }),
  });
  return {
    ...app,
    config,
    issuer,
    dbName: db.dbName,
    serverUrl: db.serverUrl,
    stop: async () => {
      await app.close();
      await db.drop();
      if (config.REDIS_URL === testRedisUrl()) await deleteRedisKeys(config.REDIS_KEY_PREFIX);
    },
  };
}

export type GraphqlResult = {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
};

/** POSTs a GraphQL operation and returns the parsed body. */
export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphqlResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphqlResult;
}

/** Polls `check` until it holds or `timeoutMs` passes. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Rows of a query on the subgraph's database. */
export const sql = <T = Record<string, unknown>>(app: ContactsApp, query: string, params: unknown[] = []) =>
  app.orm.em.fork().getConnection().execute<T[]>(query, params);

export const CONTACT_FIELDS = 'id firstName lastName email phone status createdAt updatedAt owner { id }';
export const CREATE = `mutation ($input: ContactInput!) { createContact(input: $input) { ${CONTACT_FIELDS} } }`;
export const READ = `query ($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} } }`;
export const UPDATE = `mutation ($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { ${CONTACT_FIELDS} } }`;
export const DELETE = `mutation ($id: ID!) { deleteContact(id: $id) }`;
export const LIST = `query ($first: Int, $after: String) {
  contacts(first: $first, after: $after) { edges { cursor node { id firstName status } } pageInfo { hasNextPage endCursor } }
}`;

export const johnDoe = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'John',
  lastName: 'Doe',
  email: 'john@example.com',
  phone: '+5511987654321',
  ...overrides,
});
