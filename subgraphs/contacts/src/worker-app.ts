import {
  createHttpApp,
  listen,
  openDatabase,
  type EventBackbone,
  type EventTransport,
  type Logger,
  type Orm,
  startEventBackbone,
} from '@peerseed/shared';
import type { Clock } from './application/ports.js';
import { createContactCache } from './cache/create-contact-cache.js';
import type { ContactsConfig } from './config.js';
import { contactsMigrations } from './persistence/migrations/index.js';
import { contactsEntities } from './persistence/entities.js';
import { contactsWorkerHandlers, workerConsumerSettings } from './worker/contacts-worker-handlers.js';
import { requeueLostCommands } from './worker/requeue-lost-commands.js';

export interface ContactsWorkerOptions {
  config: ContactsConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_contacts`. */
  dbName?: string;
  /** An in-process transport shared with the API of this process (without NATS). */
  eventTransport?: EventTransport;
  clock?: Clock;
}

export interface ContactsWorker {
  /** Its health and metrics endpoint (`/healthz`, `/readyz`, `/metrics`). */
  url: string;
  port: number;
  orm: Orm;
  events: EventBackbone;
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * The contacts worker on its own (`npm run worker`; the seed's Celery worker): consumes
 * `contacts.contact.create-requested`, persists each contact, caches it and publishes
 * `contacts.contact.created`. Run as many as needed: they share one durable consumer.
 */
export async function startContactsWorker(options: ContactsWorkerOptions): Promise<ContactsWorker> {
  const { config, logger } = options;
  if (!config.NATS_URL && !options.eventTransport) {
    logger.warn("without NATS_URL this worker sees only its own process's events; the API runs its worker in-process");
  }
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
  const events = await startEventBackbone({
    service: 'contacts',
    orm,
    logger,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: contactsWorkerHandlers({ config, cache, clock: options.clock ?? systemClock }),
    ...workerConsumerSettings(config),
  });
  await requeueLostCommands(orm, events, logger);
  const readiness = [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }];
  const http = await listen(createHttpApp(logger, readiness, events.metrics.registry), config.WORKER_PORT, config.HOST);
  const url = `http://${config.HOST}:${http.port}`;
  logger.info({ url }, 'contacts worker ready');
  return {
    url,
    port: http.port,
    orm,
    events,
    close: async () => {
      await new Promise((resolve) => http.server.close(resolve));
      await events.close();
      await cache.close();
      await orm.close();
    },
  };
}
