import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  JetStreamTransport,
  type EventContract,
  type EventData,
  type EventTransport,
} from '@peerseed/shared';
import type { Role } from '@peerseed/shared/domain';
import {
  createTestDatabase,
  createTestIssuer,
  testLogger,
  testNamespace,
  testNatsUrl,
  type TestIssuer,
} from '@peerseed/shared/testing';
import { startNotifications, type NotificationsApp } from '../../src/app.js';
import { loadNotificationsConfig } from '../../src/config.js';
import type { Notification } from '../../src/domain/notification.js';
import { RecordingMailSender } from './recording-mail-sender.js';

export interface Caller {
  id: string;
  role: Role;
}

export interface GraphqlResult {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

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
  const db = createTestDatabase('notifications');
  const namespace = testNamespace('notify');
  const logger = testLogger();
  const config = loadNotificationsConfig({
    DATABASE_URL: db.serverUrl,
    PORT: '0',
    NODE_ENV: 'test',
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: namespace,
    EMAIL_POLL_MS: '60000',
    EMAIL_RETRY_BASE_MS: '50',
    ...options.env,
  });
  const issuer = await createTestIssuer();
  const mail = new RecordingMailSender();
  const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
  const ownTransport = options.wrapTransport
    ? options.wrapTransport(await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace }))
    : undefined;
  const app = await startNotifications({
    config,
    logger,
    dbName: db.dbName,
    verificationKeys: issuer.keys,
    mailSender: mail,
    ...(ownTransport ? { eventTransport: ownTransport } : {}),
  });
  const announced: Notification[] = [];
  app.onNotificationStored((n) => announced.push(n));
  return {
    ...app,
    mail,
    issuer,
    announced,
    publish: async (contract, subject, data, id = randomUUID()) => {
      const envelope = createEnvelope(contract.type, subject, data, { source: '/peerseed/test', id });
      await transport.publish(contract.stream, contract.subject, id, Buffer.from(JSON.stringify(envelope)));
      return id;
    },
    graphql: async (query, variables = {}, as) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) Object.assign(headers, await issuer.bearer(as.id, as.role));
      const response = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlResult;
    },
    sql: (query, params = []) =>
      app.orm.em
        .fork()
        .getConnection()
        .execute(query, params as never[]) as never,
    stop: async () => {
      await app.close();
      await ownTransport?.close();
      await transport.close();
      await db.drop();
    },
  };
}

export const eventually = async (check: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/** Waits until consumer `handler` has recorded event `eventId` in its inbox. */
export const handled = (app: TestNotifications, handler: string, eventId: string) =>
  eventually(async () => {
    const rows = await app.sql(`select 1 from inbox_events where consumer = ? and event_id = ?`, [
      `notifications-${handler}`,
      eventId,
    ]);
    return rows.length > 0;
  }, `${handler} to handle ${eventId}`);

/** The stored notifications of one event, by recipient. */
export const notificationsOf = (app: TestNotifications, eventId: string) =>
  app.sql<{ recipient_id: string; kind: string; title: string; body: string }>(
    `select recipient_id, kind, title, body from notifications where event_id = ? order by recipient_id`,
    [eventId],
  );

export const investor = (): Caller => ({ id: randomUUID(), role: 'INVESTOR' });
export const producer = (): Caller => ({ id: randomUUID(), role: 'PRODUCER' });

export const errorCode = (result: GraphqlResult) => result.errors?.[0]?.extensions?.['code'];
