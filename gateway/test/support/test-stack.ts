import { startAccounts, type AccountsApp } from '@peerseed/accounts/app';
import { loadAccountsConfig } from '@peerseed/accounts/config';
import { startMarketplace, type MarketplaceApp } from '@peerseed/marketplace/app';
import { loadMarketplaceConfig } from '@peerseed/marketplace/config';
import { startContacts, type ContactsApp } from '@peerseed/contacts/app';
import { loadContactsConfig } from '@peerseed/contacts/config';
import { startDistribution, type DistributionApp } from '@peerseed/distribution/app';
import { loadDistributionConfig } from '@peerseed/distribution/config';
import { startNotifications, type NotificationsApp } from '@peerseed/notifications/app';
import { loadNotificationsConfig } from '@peerseed/notifications/config';
import type { RunningServer } from '@peerseed/shared';
import { startWallet, type WalletApp } from '@peerseed/wallet/app';
import { loadWalletConfig } from '@peerseed/wallet/config';
import {
  createTestDatabase,
  deleteTestStreams,
  testLogger,
  testNamespace,
  testNatsUrl,
  type TestDatabase,
} from '@peerseed/shared/testing';
import { loadGatewayConfig } from '../../src/config.js';
import { startGateway } from '../../src/gateway.js';
import { SIGN_IN_LIMIT_LIFTED } from './sign-in-limit.js';

export interface TestStack {
  /** NATS settings every service of this stack uses (the gateway's subscriptions too). */
  events: { NATS_URL: string; EVENTS_NAMESPACE: string };
  gateway: RunningServer;
  accounts: AccountsApp;
  marketplace: MarketplaceApp;
  wallet: WalletApp;
  contacts: ContactsApp;
  distribution: DistributionApp;
  notifications: NotificationsApp;
  stop: () => Promise<void>;
}

/** The environment of a gateway in front of a stack's subgraphs and events (another replica, too). */
export function gatewayEnvFor(stack: Omit<TestStack, 'gateway' | 'stop'>): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    ACCOUNTS_URL: stack.accounts.url,
    MARKETPLACE_URL: stack.marketplace.url,
    WALLET_URL: stack.wallet.url,
    CONTACTS_URL: stack.contacts.url,
    DISTRIBUTION_URL: stack.distribution.url,
    NOTIFICATIONS_URL: stack.notifications.url,
    ACCOUNTS_JWKS_URL: new URL('/.well-known/jwks.json', stack.accounts.url).toString(),
    ...SIGN_IN_LIMIT_LIFTED,
    ...stack.events,
  };
}

/**
 * The supergraph as the tests drive it: every subgraph on a free port over its own
 * fresh database, events on the real NATS in a namespace of this stack's own, and the
 * gateway in front, verifying tokens against accounts' JWKS.
 */
export async function startTestStack(
  gatewayEnv: Record<string, string> = {},
  accountsClock?: { now: () => Date },
): Promise<TestStack> {
  const databases: TestDatabase[] = [];
  const database = () => {
    const db = createTestDatabase('e2e');
    databases.push(db);
    return db;
  };
  const events = { NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: testNamespace('e2e') };
  const accountsDb = database();
  const accounts = await startAccounts({
    config: loadAccountsConfig({ DATABASE_URL: accountsDb.serverUrl, PORT: '0', NODE_ENV: 'test', ...events }),
    logger: testLogger(),
    dbName: accountsDb.dbName,
    ...(accountsClock ? { clock: accountsClock } : {}),
  });
  const jwks = new URL('/.well-known/jwks.json', accounts.url).toString();
  const marketplaceDb = database();
  const marketplace = await startMarketplace({
    config: loadMarketplaceConfig({
      DATABASE_URL: marketplaceDb.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      ACCOUNTS_JWKS_URL: jwks,
      SCHEDULER_INTERVAL_MS: '0',
      ...events,
    }),
    logger: testLogger(),
    dbName: marketplaceDb.dbName,
  });
  const walletDb = database();
  const wallet = await startWallet({
    config: loadWalletConfig({
      DATABASE_URL: walletDb.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      ACCOUNTS_JWKS_URL: jwks,
      ...events,
    }),
    logger: testLogger(),
    dbName: walletDb.dbName,
  });
  const distributionDb = database();
  const distribution = await startDistribution({
    config: loadDistributionConfig({
      DATABASE_URL: distributionDb.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      ACCOUNTS_JWKS_URL: jwks,
      ...events,
    }),
    logger: testLogger(),
    dbName: distributionDb.dbName,
  });
  const notificationsDb = database();
  const notifications = await startNotifications({
    config: loadNotificationsConfig({
      DATABASE_URL: notificationsDb.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      ACCOUNTS_JWKS_URL: jwks,
      ...events,
    }),
    logger: testLogger(),
    dbName: notificationsDb.dbName,
  });
  const contactsDb = database();
  const contacts = await startContacts({
    config: loadContactsConfig({
      DATABASE_URL: contactsDb.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      ACCOUNTS_JWKS_URL: jwks,
      REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: `${events.EVENTS_NAMESPACE}:contacts:`,
      ...events,
    }),
    logger: testLogger(),
    dbName: contactsDb.dbName,
    runWorker: true,
  });
  const services = { events, accounts, marketplace, wallet, contacts, distribution, notifications };
  const gateway = await startGateway({
    config: loadGatewayConfig({ ...gatewayEnvFor(services), ...gatewayEnv }),
    logger: testLogger(),
  });
  return {
    ...services,
    gateway,
    stop: async () => {
      await gateway.close();
      await notifications.close();
      await distribution.close();
      await contacts.close();
      await wallet.close();
      await marketplace.close();
      await accounts.close();
      await Promise.all(databases.map((db) => db.drop()));
      await deleteTestStreams(events.EVENTS_NAMESPACE);
    },
  };
}
