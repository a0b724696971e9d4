import 'reflect-metadata';
import { startAccounts } from '@peerseed/accounts/app';
import { loadAccountsConfig } from '@peerseed/accounts/config';
import { startGateway } from '@peerseed/gateway/gateway';
import { loadGatewayConfig } from '@peerseed/gateway/config';
import { startMarketplace } from '@peerseed/marketplace/app';
import { loadMarketplaceConfig } from '@peerseed/marketplace/config';
import { startWallet } from '@peerseed/wallet/app';
import { loadWalletConfig } from '@peerseed/wallet/config';
import { startContacts } from '@peerseed/contacts/app';
import { loadContactsConfig } from '@peerseed/contacts/config';
import { startDistribution } from '@peerseed/distribution/app';
import { loadDistributionConfig } from '@peerseed/distribution/config';
import { startNotifications } from '@peerseed/notifications/app';
import { loadNotificationsConfig } from '@peerseed/notifications/config';
import { ConfigError, createLogger, InProcessTransport, runUntilSignal, type RunningServer } from '@peerseed/shared';

/**
 * `npm start`: every subgraph and the gateway in ONE process, each subgraph with its own
 * embedded database (PGlite under DATA_DIR) unless DATABASE_URL is set, and one shared
 * in-process event transport unless NATS_URL is set — the in-process transport cannot
 * cross processes, so on embedded defaults the services must share this one.
 * docker-compose.yml runs them as separate processes over real NATS instead.
 */
const env = process.env;
const logger = createLogger('peerseed', env['LOG_LEVEL'] ?? 'info');
const sharedTransport = env['NATS_URL'] ? undefined : new InProcessTransport();
const events = sharedTransport ? { eventTransport: sharedTransport } : {};
// Each service keeps its own port in one process; PORT is the gateway's.
const subgraphEnv = (port: number) => ({ ...env, PORT: String(port), HOST: '127.0.0.1' });

try {
  await runUntilSignal(async () => {
    const started: [string, RunningServer][] = [];
    const accounts = await startAccounts({
      config: loadAccountsConfig(subgraphEnv(4001)),
      logger: logger.child({ component: 'accounts' }),
      ...events,
    });
    started.push(['accounts', accounts]);
    const marketplace = await startMarketplace({
      config: loadMarketplaceConfig(subgraphEnv(4002)),
      logger: logger.child({ component: 'marketplace' }),
      ...events,
    });
    started.push(['marketplace', marketplace]);
    const wallet = await startWallet({
      config: loadWalletConfig(subgraphEnv(4003)),
      logger: logger.child({ component: 'wallet' }),
      ...events,
    });
    started.push(['wallet', wallet]);
    const distribution = await startDistribution({
      config: loadDistributionConfig(subgraphEnv(4004)),
      logger: logger.child({ component: 'distribution' }),
      ...events,
    });
    started.push(['distribution', distribution]);
    const notifications = await startNotifications({
      config: loadNotificationsConfig(subgraphEnv(4005)),
      logger: logger.child({ component: 'notifications' }),
      ...events,
    });
    started.push(['notifications', notifications]);
    // npm start is the whole stack on one machine: the contacts worker runs in this process
    // too (with NATS as well, unless RUN_WORKER=false says another process runs it).
    const contactsConfig = loadContactsConfig(subgraphEnv(4006));
    const contacts = await startContacts({
      config: contactsConfig,
      logger: logger.child({ component: 'contacts' }),
      runWorker: contactsConfig.RUN_WORKER ?? true,
      ...events,
    });
    started.push(['contacts', contacts]);
    const gateway = await startGateway({
      config: loadGatewayConfig({
        ...env,
        ACCOUNTS_URL: accounts.url,
        MARKETPLACE_URL: marketplace.url,
        WALLET_URL: wallet.url,
      }),
      logger: logger.child({ component: 'gateway' }),
      // Subscriptions read the streams the subgraphs above publish to.
      ...events,
    });
    started.push(['gateway', gateway]);
    logger.info(`Peerseed is up: http://localhost:${gateway.port}/graphql (GraphQL IDE in a browser)`);
    return {
      close: async () => {
        // The gateway first, then the subgraphs.
        for (const [name, service] of started.reverse()) {
          await service.close();
          logger.info(`${name} stopped`);
        }
      },
    };
  }, logger);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
