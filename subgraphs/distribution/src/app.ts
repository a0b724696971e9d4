import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createDeadLetterResolver,
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
import { Registry } from 'prom-client';
import { GetDistributions } from './application/get-distributions.use-case.js';
import type { Clock, IdGenerator } from './application/ports.js';
import type { DistributionConfig } from './config.js';
import { distributionHandlers } from './events/distribution-handlers.js';
import type { DistributionContext } from './graphql/distribution-context.js';
import { distributionLoaders } from './graphql/distribution-loaders.js';
import { buildDistributionSchema } from './graphql/schema.js';
import { distributionEntities } from './persistence/entities.js';
import { distributionMigrations } from './persistence/migrations/index.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';

export interface DistributionAppOptions {
  config: DistributionConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_distribution`. */
  dbName?: string;
  /** An event transport shared with other services of this process (`npm start` without NATS). */
  eventTransport?: EventTransport;
  /** Token verification keys instead of the accounts JWKS (tests: `createTestIssuer().keys`). */
  verificationKeys?: JWTVerifyGetKey;
  clock?: Clock;
}

export interface DistributionApp extends RunningServer {
  orm: Orm;
  events: EventBackbone;
}

const systemClock: Clock = { now: () => new Date() };
const uuids: IdGenerator = { newId: () => randomUUID() };

/** The composition root of the distribution subgraph: the one place adapters meet use cases. */
export async function startDistribution(options: DistributionAppOptions): Promise<DistributionApp> {
  const { config, logger } = options;
  // One registry for /metrics: SQL statements (openDatabase) and the event backbone's figures.
  const registry = new Registry();
  const orm = await openDatabase({
    service: 'distribution',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: distributionEntities,
    migrations: distributionMigrations,
    logger,
    metrics: registry,
  });
  const events = await startEventBackbone({
    service: 'distribution',
    orm,
    logger,
    registry,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: distributionHandlers({
      ids: uuids,
      clock: options.clock ?? systemClock,
      feeBps: config.DISTRIBUTION_FEE_BPS,
    }),
  });
  const uowDeps = { outbox: events.outbox, afterCommit: () => events.relay.wake() };

  const server = await startSubgraphServer<DistributionContext>({
    name: 'distribution',
    schema: await buildDistributionSchema([
      createDeadLetterResolver('distribution', { orm, consumers: events.consumers }),
    ]),
    port: config.PORT,
    host: config.HOST,
    logger,
    verifyToken: createAccessTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keys: options.verificationKeys ?? remoteJwks(config.ACCOUNTS_JWKS_URL),
    }),
    extendContext: (base) => ({
      ...base,
      ...distributionLoaders(new GetDistributions(new MikroOrmUnitOfWork(orm.em.fork() as Em, uowDeps), base.identity)),
    }),
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    metrics: events.metrics.registry,
    onClose: async () => {
      await events.close();
      await orm.close();
    },
  });
  return { ...server, orm, events };
}
