import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createDeadLetterResolver,
  createEntityLoader,
  detachedFork,
  openDatabase,
  remoteJwks,
  startEventBackbone,
  startSubgraphServer,
  type Em,
  type EventBackbone,
  type EventTransport,
  type Logger,
  type Orm,
  type RunningServer,
} from '@peerseed/shared';
import type { JWTVerifyGetKey } from 'jose';
import { ConfirmDeposit } from './application/confirm-deposit.use-case.js';
import { GetPayments } from './application/get-payments.use-case.js';
import { GetStatement } from './application/get-statement.use-case.js';
import { GetWallet } from './application/get-wallet.use-case.js';
import { PayInstallment } from './application/pay-installment.use-case.js';
import type { Clock, IdGenerator } from './application/ports.js';
import { RequestDeposit } from './application/request-deposit.use-case.js';
import type { WalletConfig } from './config.js';
import { walletHandlers } from './events/wallet-handlers.js';
import { buildWalletSchema } from './graphql/schema.js';
import type { WalletContext, WalletUseCases } from './graphql/wallet-context.js';
import { walletEntities } from './persistence/entities.js';
import { walletMigrations } from './persistence/migrations/index.js';
import { batchedPaymentRights } from './persistence/batched-payment-rights.js';
import { MikroOrmPaymentRepository } from './persistence/mikro-orm-payment.repository.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';

export interface WalletAppOptions {
  config: WalletConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_wallet`. */
  dbName?: string;
  /** An event transport shared with other services of this process (`npm start` without NATS). */
  eventTransport?: EventTransport;
  /** Token verification keys instead of the accounts JWKS (tests: `createTestIssuer().keys`). */
  verificationKeys?: JWTVerifyGetKey;
  clock?: Clock;
}

export interface WalletApp extends RunningServer {
  orm: Orm;
  events: EventBackbone;
}

const systemClock: Clock = { now: () => new Date() };
const uuids: IdGenerator = { newId: () => randomUUID() };

/** The composition root of the wallet subgraph: the one place adapters meet use cases. */
export async function startWallet(options: WalletAppOptions): Promise<WalletApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const orm = await openDatabase({
    service: 'wallet',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: walletEntities,
    migrations: walletMigrations,
    logger,
  });
  const events = await startEventBackbone({
    service: 'wallet',
    orm,
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: walletHandlers({ ids: uuids, clock, originationFeeBps: config.ORIGINATION_FEE_BPS }),
  });
  const uowDeps = { outbox: events.outbox, afterCommit: () => events.relay.wake() };
  const lateCharges = { fineBps: config.LATE_FINE_BPS, monthlyInterestBps: config.LATE_INTEREST_MONTHLY_BPS };
  const depositTtlMs = config.DEPOSIT_TTL_HOURS * 3_600_000;
  const useCasesFor = (em: Em): WalletUseCases => {
    const uow = new MikroOrmUnitOfWork(em, uowDeps);
    const deposits = { uow, ids: uuids, clock, depositTtlMs };
    return {
      getWallet: new GetWallet(uow),
      getStatement: new GetStatement(uow),
      requestDeposit: new RequestDeposit(deposits),
      confirmDeposit: new ConfirmDeposit(deposits),
      payInstallment: new PayInstallment({ uow, ids: uuids, clock, lateCharges }),
    };
  };

  // Shared by every request: concurrent payment lookups go to PostgreSQL together (one fork per
  // batch, detached: the batch belongs to no one request's context).
  const paymentRights = batchedPaymentRights(() => new MikroOrmPaymentRepository(detachedFork(orm)));
  const server = await startSubgraphServer<WalletContext>({
    name: 'wallet',
    schema: await buildWalletSchema([createDeadLetterResolver('wallet', { orm, consumers: events.consumers })]),
    port: config.PORT,
    host: config.HOST,
    logger,
    verifyToken: createAccessTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keys: options.verificationKeys ?? remoteJwks(config.ACCOUNTS_JWKS_URL),
    }),
    extendContext: (base) => {
      const payments = new GetPayments(paymentRights);
      let useCases: WalletUseCases | undefined;
      return {
        ...base,
        // Forked on first use: payment lookups (a subscription event's ~200 viewers) never need it.
        get useCases() {
          return (useCases ??= useCasesFor(orm.em.fork() as Em));
        },
        payments: createEntityLoader((ids) => payments.visibleByIds(base.identity, ids)),
      };
    },
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    metrics: events.metrics.registry,
    onClose: async () => {
      await events.close();
      await orm.close();
    },
  });
  return { ...server, orm, events };
}
