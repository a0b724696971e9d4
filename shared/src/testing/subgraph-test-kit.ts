import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Role } from '../auth/role.js';
import type { EventContract, EventData } from '../events/contract.js';
import { createEnvelope } from '../events/envelope.js';
import type { EventTransport } from '../events/transport/event-transport.js';
import { JetStreamTransport } from '../events/transport/jetstream-transport.js';
import { deleteTestStreams, testNamespace, testNatsUrl } from './nats.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { createTestIssuer, type TestIssuer } from './test-issuer.js';
import { testLogger } from './test-logger.js';

/** Who a test request acts as (a token is signed for it by the kit's issuer). */
export interface Caller {
  id: string;
  role: Role;
}

export interface GraphqlResult {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export const investor = (): Caller => ({ id: randomUUID(), role: 'INVESTOR' });
export const producer = (): Caller => ({ id: randomUUID(), role: 'PRODUCER' });
export const admin = (): Caller => ({ id: randomUUID(), role: 'ADMIN' });
export const errorCode = (result: GraphqlResult) => result.errors?.[0]?.extensions?.['code'];

/** Polls `check` until it holds, or fails naming `what`. */
export async function eventually(check: () => Promise<boolean>, what = 'condition', timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A subgraph's tables, read in a test. */
export type ReadSql = <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;

/** Waits until `consumer` (`<service>-<handler>`) has recorded event `eventId` in its inbox. */
export const handledBy = (sql: ReadSql, consumer: string, eventId: string): Promise<void> =>
  eventually(
    async () =>
      (await sql(`select 1 from inbox_events where consumer = ? and event_id = ?`, [consumer, eventId])).length > 0,
    `${consumer} to handle ${eventId}`,
  );

/** The `data` of every event the subgraph wrote to its outbox with `subject`, oldest first. */
export const outboxedData = async (sql: ReadSql, subject: string): Promise<Record<string, any>[]> =>
  (
    await sql<{ envelope: string }>(`select envelope from outbox_events where subject = ? order by created_at`, [
      subject,
    ])
  ).map((row) => (JSON.parse(row.envelope) as { data: Record<string, any> }).data);

/**
 * What a subgraph's integration tests need around the subgraph itself: a fresh database,
 * an event namespace of their own on the real NATS server, a token issuer standing in for
 * accounts, and the other domains' side (publishing their events, calling GraphQL as
 * someone, reading tables).
 */
export interface SubgraphTestKit {
  db: TestDatabase;
  namespace: string;
  issuer: TestIssuer;
  logger: Logger;
  /** The settings every subgraph config takes in tests (database, port 0, events). */
  env: Record<string, string>;
  /** The test's own JetStream connection: other services' side. */
  transport: JetStreamTransport;
  /** A separate connection for the subgraph, when the test wraps it (e.g. to lose acks). */
  appTransport: EventTransport | undefined;
  /** Publishes an event into this namespace as its producing service would; returns its id. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>, id?: string): Promise<string>;
  graphql(url: string, query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphqlResult>;
  sql<T = Record<string, unknown>>(orm: MikroORM, query: string, params?: unknown[]): Promise<T[]>;
  /** Closes the connections and drops the database (after the subgraph is closed). */
  close(): Promise<void>;
}

export async function createSubgraphTestKit(
  label: string,
  options: { wrapTransport?: (transport: EventTransport) => EventTransport } = {},
): Promise<SubgraphTestKit> {
  const db = createTestDatabase(label);
  const namespace = testNamespace(label);
  const logger = testLogger();
  const issuer = await createTestIssuer();
  const connect = () => JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
  const transport = await connect();
  const appTransport = options.wrapTransport ? options.wrapTransport(await connect()) : undefined;
  return {
    db,
    namespace,
    issuer,
    logger,
    transport,
    appTransport,
    env: {
      DATABASE_URL: db.serverUrl,
      PORT: '0',
      NODE_ENV: 'test',
      NATS_URL: testNatsUrl(),
      EVENTS_NAMESPACE: namespace,
    },
    publish: async (contract, subject, data, id = randomUUID()) => {
      const envelope = createEnvelope(contract.type, subject, data, { source: '/peerseed/test', id });
      await transport.publish(contract.stream, contract.subject, id, Buffer.from(JSON.stringify(envelope)));
      return id;
    },
    graphql: async (url, query, variables = {}, as) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (as) Object.assign(headers, await issuer.bearer(as.id, as.role));
      const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphqlResult;
    },
    sql: (orm, query, params = []) =>
      orm.em
        .fork()
        .getConnection()
        .execute(query, params as never[]) as never,
    close: async () => {
      await appTransport?.close();
      await transport.close();
      await db.drop();
      await deleteTestStreams(namespace);
    },
  };
}
