import { startAccounts, type AccountsApp } from '@peerseed/accounts/app';
import { loadAccountsConfig } from '@peerseed/accounts/config';
import type { RunningServer } from '@peerseed/shared';
import { createTestDatabase, testLogger } from '@peerseed/shared/testing';
import { loadGatewayConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';

export interface TestStack {
  gateway: RunningServer;
  accounts: AccountsApp;
  stop: () => Promise<void>;
}

/**
 * The supergraph as the tests drive it: every subgraph on a free port over its own
 * fresh database, and the gateway in front, verifying tokens against accounts' JWKS.
 */
export async function startTestStack(
  gatewayEnv: Record<string, string> = {},
  accountsClock?: { now: () => Date },
): Promise<TestStack> {
  const db = createTestDatabase('e2e_accounts');
  const accounts = await startAccounts({
    config: loadAccountsConfig({ DATABASE_URL: db.serverUrl, PORT: '0', NODE_ENV: 'test' }),
    logger: testLogger(),
    dbName: db.dbName,
    ...(accountsClock ? { clock: accountsClock } : {}),
  });
  const gateway = await startGateway({
    config: loadGatewayConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      ACCOUNTS_URL: accounts.url,
      ACCOUNTS_JWKS_URL: new URL('/.well-known/jwks.json', accounts.url).toString(),
      ...gatewayEnv,
    }),
    logger: testLogger(),
  });
  return {
    gateway,
    accounts,
    stop: async () => {
      await gateway.close();
      await accounts.close();
      await db.drop();
    },
  };
}
