import { createTestDatabase, testLogger } from '@peerseed/shared/testing';
import { startAccounts, type AccountsApp } from '../../src/app.js';
import { loadAccountsConfig } from '../../src/config.js';
import type { Clock } from '../../src/application/ports.js';

export interface TestAccounts extends AccountsApp {
  stop: () => Promise<void>;
}

/** Starts the accounts subgraph on a free port over a fresh database of its own. */
export async function startTestAccounts(env: Record<string, string> = {}, clock?: Clock): Promise<TestAccounts> {
  const db = createTestDatabase('accounts');
  const config = loadAccountsConfig({ DATABASE_URL: db.serverUrl, PORT: '0', NODE_ENV: 'test', ...env });
  const app = await startAccounts({ config, logger: testLogger(), dbName: db.dbName, ...(clock ? { clock } : {}) });
  return {
    ...app,
    stop: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** POSTs a GraphQL operation and returns the parsed body. */
export async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}
