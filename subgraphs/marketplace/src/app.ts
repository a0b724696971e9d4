import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createDeadLetterResolver,
  createEntityLoader,
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
import DataLoader from 'dataloader';
import type { JWTVerifyGetKey } from 'jose';
import { Registry } from 'prom-client';
import { InvestmentUseCases } from './application/investment-use-cases.js';
import { OfferUseCases } from './application/offer-use-cases.js';
import type { Clock } from './application/ports.js';
import { QueryUseCases } from './application/query-use-cases.js';
import { SettlementUseCases } from './application/settlement-use-cases.js';
import type { MarketplaceConfig } from './config.js';
import { DEFAULT_OFFER_RULES } from './domain/cpr.js';
import { marketplaceHandlers } from './events/marketplace-handlers.js';
import type { MarketplaceContext } from './graphql/marketplace-context.js';
import { buildMarketplaceSchema } from './graphql/schema.js';
import { marketplaceEntities } from './persistence/entities.js';
import { marketplaceMigrations } from './persistence/migrations/index.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';

export interface MarketplaceAppOptions {
  config: MarketplaceConfig;
  logger: Logger;
  dbName?: string;
  clock?: Clock;
  eventTransport?: EventTransport;
  /** Token verification keys (tests); default: the accounts JWKS. */
  verificationKeys?: JWTVerifyGetKey;
}

export interface MarketplaceApp extends RunningServer {
  orm: Orm;
  events: EventBackbone;
  /** One scheduler pass: closes offers at their deadline, marks installments LATE. */
  runScheduler: () => Promise<{ closed: number; late: number }>;
}

const systemClock: Clock = { now: () => new Date() };
const ids = { newId: () => randomUUID() };

/** The composition root of the marketplace subgraph. */
export async function startMarketplace(options: MarketplaceAppOptions): Promise<MarketplaceApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const registry = new Registry();
  const orm = await openDatabase({
    service: 'marketplace',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: marketplaceEntities,
    migrations: marketplaceMigrations,
    logger,
    metrics: registry,
  });
  const offerRules = { ...DEFAULT_OFFER_RULES, maxOfferDays: config.MAX_OFFER_DAYS };
  const investmentRules = {
    annualLimit: config.ANNUAL_INVESTMENT_LIMIT_CENTAVOS,
    withdrawalDays: config.WITHDRAWAL_DAYS,
  };
  // Filled once the backbone exists: handlers and use cases share the relay's wake-up.
  let wake = () => {};
  const uowDeps = () => ({ outbox: events.outbox, afterCommit: () => wake() });
  const investmentsFor = (uow: MikroOrmUnitOfWork) =>
    new InvestmentUseCases({ uow, clock, ids, rules: investmentRules });
  const events: EventBackbone = await startEventBackbone({
    service: 'marketplace',
    orm,
    logger,
    registry,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: marketplaceHandlers({
      investments: (em: Em) => investmentsFor(new MikroOrmUnitOfWork(em, uowDeps(), true)),
      settlement: (em: Em) => new SettlementUseCases(new MikroOrmUnitOfWork(em, uowDeps(), true), clock),
    }),
  });
  wake = () => events.relay.wake();
  const fork = () => orm.em.fork() as Em;
  const settlement = () => new SettlementUseCases(new MikroOrmUnitOfWork(fork(), uowDeps()), clock);
  const runScheduler = async () => ({
    closed: await settlement().closeOffersAtDeadline(),
    late: await settlement().markLateInstallments(),
  });
  const timer =
    config.SCHEDULER_INTERVAL_MS > 0
      ? setInterval(
          () => void runScheduler().catch((err: unknown) => logger.error({ err }, 'scheduler pass failed')),
          config.SCHEDULER_INTERVAL_MS,
        )
      : null;
  timer?.unref();

  const server = await startSubgraphServer<MarketplaceContext>({
    name: 'marketplace',
    schema: await buildMarketplaceSchema([
      createDeadLetterResolver('marketplace', { orm, consumers: events.consumers }),
    ]),
    port: config.PORT,
    host: config.HOST,
    logger,
    verifyToken: createAccessTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keys: options.verificationKeys ?? remoteJwks(config.ACCOUNTS_JWKS_URL),
    }),
    extendContext: (base) => {
      const uow = new MikroOrmUnitOfWork(fork(), uowDeps());
      const queries = new QueryUseCases(uow);
      return {
        ...base,
        offers: new OfferUseCases({ uow, clock, ids, rules: offerRules }),
        investments: investmentsFor(uow),
        queries,
        cprs: createEntityLoader((cprIds) => uow.read((tx) => tx.cprs.findByIds(cprIds))),
        installments: new DataLoader(async (cprIds: readonly string[]) => {
          const schedules = await uow.read((tx) => tx.cprs.installmentsOf(cprIds));
          return cprIds.map((id) => schedules.get(id) ?? []);
        }),
      };
    },
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    metrics: events.metrics.registry,
    onClose: async () => {
      if (timer) clearInterval(timer);
      await events.close();
      await orm.close();
    },
  });
  return { ...server, orm, events, runScheduler };
}
