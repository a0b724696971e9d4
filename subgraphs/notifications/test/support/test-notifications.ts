import type { EventContract, EventData, EventTransport } from '@peerseed/shared';
import {
  createSubgraphTestKit,
  errorCode,
  eventually,
  handledBy,
  investor,
  producer,
  type Caller,
  type GraphqlResult,
  type TestIssuer,
} from '@peerseed/shared/testing';
import { startNotifications, type NotificationsApp } from '../../src/app.js';
import { loadNotificationsConfig } from '../../src/config.js';
import type { Notification } from '../../src/domain/notification.js';
import { RecordingMailSender } from './recording-mail-sender.js';

export interface TestNotifications extends NotificationsApp {
  mail: RecordingMailSender;
  issuer: TestIssuer;
  /** Notifications announced through `onNotificationStored`, in order. */
  announced: Notification[];
  /** Another domain's side: publishes an event into this file's namespace; returns its id. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>, id?: string): Promise<string>;
  graphql(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphqlResult>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

/**
 * The subgraph on a free port over a fresh database, with its own event namespace on
 * the real NATS server, its own token issuer and a recording mail sender. Emails are
 * retried after 50 ms (EMAIL_RETRY_BASE_MS) and the catch-up poll is a minute, so a
 * prompt email proves the wake-up after commit.
 */
export async function startTestNotifications(
  options: { env?: Record<string, string>; wrapTransport?: (t: EventTransport) => EventTransport } = {},
): Promise<TestNotifications> {
  const kit = await createSubgraphTestKit('notify', options);
  const { issuer } = kit;
  const mail = new RecordingMailSender();
  const app = await startNotifications({
    config: loadNotificationsConfig({ ...kit.env, EMAIL_POLL_MS: '60000', EMAIL_RETRY_BASE_MS: '50', ...options.env }),
    logger: kit.logger,
    dbName: kit.db.dbName,
    verificationKeys: issuer.keys,
    mailSender: mail,
    ...(kit.appTransport ? { eventTransport: kit.appTransport } : {}),
  });
  const announced: Notification[] = [];
  app.onNotificationStored((n) => announced.push(n));
  return {
    ...app,
    mail,
    issuer,
    announced,
    publish: kit.publish,
    graphql: (query, variables, as) => kit.graphql(app.url, query, variables, as),
    sql: (query, params) => kit.sql(app.orm, query, params),
    stop: async () => {
      await app.close();
      await kit.close();
    },
  };
}

export { errorCode, eventually, investor, producer, type Caller, type GraphqlResult };

/** Waits until consumer `handler` has recorded event `eventId` in its inbox. */
export const handled = (app: TestNotifications, handler: string, eventId: string) =>
  handledBy(app.sql, `notifications-${handler}`, eventId);

/** The stored notifications of one event, by recipient. */
export const notificationsOf = (app: TestNotifications, eventId: string) =>
  app.sql<{ recipient_id: string; kind: string; title: string; body: string }>(
    `select recipient_id, kind, title, body from notifications where event_id = ? order by recipient_id`,
    [eventId],
  );
