import { randomUUID } from 'node:crypto';
import {
  createAccessTokenVerifier,
  createDeadLetterResolver,
  createEntityLoader,
  EventConsumers,
  openDatabase,
  remoteJwks,
  startSubgraphServer,
  type Em,
  type EventBackbone,
  type EventTransport,
  type Logger,
  type Orm,
  type RunningServer,
  startEventBackbone,
} from '@peerseed/shared';
import type { JWTVerifyGetKey } from 'jose';
import { DeleteContact } from './application/delete-contact.use-case.js';
import { GetContacts } from './application/get-contacts.use-case.js';
import { ListContacts } from './application/list-contacts.use-case.js';
import type { Clock, IdGenerator } from './application/ports.js';
import { RequestContact } from './application/request-contact.use-case.js';
import { UpdateContact } from './application/update-contact.use-case.js';
import { createContactCache } from './cache/create-contact-cache.js';
import type { ContactsConfig } from './config.js';
import type { ContactsContext } from './graphql/contacts-context.js';
import { buildContactsSchema } from './graphql/schema.js';
import { contactsEntities } from './persistence/entities.js';
import { contactsMigrations } from './persistence/migrations/index.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';
import { contactsWorkerHandlers, workerConsumerSettings } from './worker/contacts-worker-handlers.js';
import { requeueLostCommands } from './worker/requeue-lost-commands.js';

export interface ContactsAppOptions {
  config: ContactsConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_contacts`. */
  dbName?: string;
  /** An event transport shared with other services of this process (`npm start` without NATS). */
  eventTransport?: EventTransport;
  /** Token verification keys (tests: `createTestIssuer().keys`); default the accounts JWKS. */
  verificationKeys?: JWTVerifyGetKey;
  /** Also run the worker in this process. Default RUN_WORKER, else yes exactly when NATS_URL is unset. */
  runWorker?: boolean;
  clock?: Clock;
}

export interface ContactsApp extends RunningServer {
  orm: Orm;
  events: EventBackbone;
}

const systemClock: Clock = { now: () => new Date() };
const uuids: IdGenerator = { newId: () => randomUUID() };

/** The composition root of the contacts subgraph: the one place adapters meet use cases. */
export async function startContacts(options: ContactsAppOptions): Promise<ContactsApp> {
  const { config, logger } = options;
  const clock = options.clock ?? systemClock;
  const runWorker = options.runWorker ?? config.RUN_WORKER ?? !config.NATS_URL;
  warnAboutDeployment(config, logger, runWorker, Boolean(options.eventTransport));
  const orm = await openDatabase({
    service: 'contacts',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: contactsEntities,
    migrations: contactsMigrations,
    logger,
  });
  const cache = createContactCache(config, logger);
  // One cache and one database for the API and an in-process worker: the worker's writes are the API's reads.
  const workerHandlers = contactsWorkerHandlers({ config, cache, clock });
  const events = await startEventBackbone({
    service: 'contacts',
    orm,
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: runWorker ? workerHandlers : [],
    ...workerConsumerSettings(config),
  });
  // Dead letters are replayed through the handler even where the worker runs elsewhere.
  const replayer = runWorker
    ? events.consumers
    : new EventConsumers({
        service: 'contacts',
        orm,
        transport: events.transport,
        handlers: workerHandlers,
        logger,
        relay: events.relay,
        metrics: events.metrics,
      });
  if (runWorker) await requeueLostCommands(orm, events, logger);
  const uowDeps = { outbox: events.outbox, afterCommit: () => events.relay.wake() };

  const server = await startSubgraphServer<ContactsContext>({
    name: 'contacts',
    schema: await buildContactsSchema([createDeadLetterResolver('contacts', { orm, consumers: replayer })]),
    port: config.PORT,
    host: config.HOST,
    logger,
    verifyToken: createAccessTokenVerifier({
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      keys: options.verificationKeys ?? remoteJwks(config.ACCOUNTS_JWKS_URL),
    }),
    extendContext: (base) => {
      const uow = new MikroOrmUnitOfWork(orm.em.fork() as Em, uowDeps);
      const get = new GetContacts({ uow, cache });
      return {
        ...base,
        useCases: {
          request: new RequestContact({ uow, ids: uuids, clock }),
          update: new UpdateContact({ uow, clock, cache }),
          delete: new DeleteContact({ uow, cache }),
          list: new ListContacts(uow),
        },
        contacts: createEntityLoader((ids) => get.byIds(ids)),
      };
    },
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    metrics: events.metrics.registry,
    onClose: async () => {
      await events.close();
      await cache.close();
      await orm.close();
    },
  });
  logger.info({ runWorker, cache: config.REDIS_URL ? 'redis' : 'in-process' }, 'contacts started');
  return { ...server, orm, events };
}

/** Start-up warnings for settings that work but lose something. */
function warnAboutDeployment(config: ContactsConfig, logger: Logger, runWorker: boolean, sharedTransport: boolean) {
  if (!runWorker && !config.NATS_URL && !sharedTransport) {
    logger.warn("RUN_WORKER is off without NATS_URL: no worker can see this process's events; contacts stay PENDING");
  }
  if (config.NATS_URL && !config.REDIS_URL) {
    logger.warn('REDIS_URL is unset: each process caches on its own; with several API processes set REDIS_URL');
  }
}
