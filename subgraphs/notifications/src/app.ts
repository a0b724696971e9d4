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
import type { JWTVerifyGetKey } from 'jose';
import { Registry } from 'prom-client';
import { DeliverDueEmails } from './application/deliver-due-emails.use-case.js';
import { FindMyNotifications } from './application/find-my-notifications.use-case.js';
import { ListMyNotifications } from './application/list-my-notifications.use-case.js';
import { MarkNotificationRead } from './application/mark-notification-read.use-case.js';
import { NotificationFeed } from './application/notification-feed.js';
import type { Clock, MailSender, NotificationListener } from './application/ports.js';
import type { NotificationsConfig } from './config.js';
import { notificationsHandlers } from './events/notifications-handlers.js';
import type { NotificationsContext } from './graphql/notifications-context.js';
import { buildNotificationsSchema } from './graphql/schema.js';
import { createMailSender } from './mail/create-mail-sender.js';
import { EmailDispatcher } from './mail/email-dispatcher.js';
import { notificationsEntities } from './persistence/entities.js';
import { notificationsMigrations } from './persistence/migrations/index.js';
import { MikroOrmEmailQueue } from './persistence/mikro-orm-email-queue.repository.js';
import { MikroOrmUnitOfWork } from './persistence/mikro-orm-unit-of-work.js';

export interface NotificationsAppOptions {
  config: NotificationsConfig;
  logger: Logger;
  /** Test kit: a per-file database on the server instead of `peerseed_notifications`. */
  dbName?: string;
  /** An event transport shared with other services of this process (`npm start` without NATS). */
  eventTransport?: EventTransport;
  /** Token verification keys instead of the accounts JWKS (tests: `createTestIssuer().keys`). */
  verificationKeys?: JWTVerifyGetKey;
  /** Instead of the configured sender (SMTP_URL, else the log): tests record what is sent. */
  mailSender?: MailSender;
}

export interface NotificationsApp extends RunningServer {
  orm: Orm;
  events: EventBackbone;
  /**
   * Calls `listener` with every notification this replica stores, after its transaction
   * committed (in process; the gateway's subscriptions read the outbox's events). Returns the unsubscribe.
   */
  onNotificationStored(listener: NotificationListener): () => void;
}

const systemClock: Clock = { now: () => new Date() };
const uuids = { newId: () => randomUUID() };
const HOUR_MS = 3_600_000;

/** The composition root of the notifications subgraph: the one place adapters meet use cases. */
export async function startNotifications(options: NotificationsAppOptions): Promise<NotificationsApp> {
  const { config, logger } = options;
  const registry = new Registry();
  const orm = await openDatabase({
    service: 'notifications',
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    dbName: options.dbName ?? config.DATABASE_NAME,
    entities: notificationsEntities,
    migrations: notificationsMigrations,
    logger,
    metrics: registry,
  });
  const configured = options.mailSender
    ? { sender: options.mailSender, close: () => {} }
    : await createMailSender(config, logger);
  const deliver = new DeliverDueEmails({
    queue: new MikroOrmEmailQueue(orm),
    sender: configured.sender,
    clock: systemClock,
    policy: {
      maxAttempts: config.EMAIL_MAX_ATTEMPTS,
      baseDelayMs: config.EMAIL_RETRY_BASE_MS,
      maxDelayMs: HOUR_MS,
      leaseMs: 5 * 60_000,
    },
  });
  const dispatcher = new EmailDispatcher({
    deliver: (limit) => deliver.execute(limit),
    logger,
    pollMs: config.EMAIL_POLL_MS,
  });
  const feed = new NotificationFeed((err) => logger.error({ err }, 'a notification listener failed'));
  const events = await startEventBackbone({
    service: 'notifications',
    orm,
    logger,
    registry,
    natsUrl: config.NATS_URL,
    namespace: config.EVENTS_NAMESPACE,
    ...(options.eventTransport ? { transport: options.eventTransport } : {}),
    handlers: notificationsHandlers({
      ids: uuids,
      clock: systemClock,
      onStored: (stored) => {
        dispatcher.wake();
        feed.announce(stored);
      },
    }),
  });
  dispatcher.start();

  const server = await startSubgraphServer<NotificationsContext>({
    name: 'notifications',
    schema: await buildNotificationsSchema([
      createDeadLetterResolver('notifications', { orm, consumers: events.consumers }),
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
      const uow = new MikroOrmUnitOfWork(orm.em.fork() as Em, events.outbox);
      const mine = new FindMyNotifications(uow);
      return {
        ...base,
        useCases: {
          listMyNotifications: new ListMyNotifications(uow),
          markNotificationRead: new MarkNotificationRead(uow, systemClock),
        },
        notifications: createEntityLoader((ids) => mine.byIds(base.identity?.userId ?? null, ids)),
      };
    },
    readiness: [{ name: 'database', check: async () => void (await orm.em.getConnection().execute('select 1')) }],
    metrics: events.metrics.registry,
    onClose: async () => {
      await events.close();
      await dispatcher.stop();
      configured.close();
      await orm.close();
    },
  });
  return { ...server, orm, events, onNotificationStored: (listener) => feed.subscribe(listener) };
}
