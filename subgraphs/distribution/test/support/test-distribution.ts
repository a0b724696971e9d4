import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  DistributionEvents,
  JetStreamTransport,
  parseEnvelope,
  type CloudEvent,
  type EventContract,
  type EventData,
  type EventTransport,
  type RunningConsumer,
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
import { startDistribution, type DistributionApp } from '../../src/app.js';
import { loadDistributionConfig } from '../../src/config.js';

export interface Caller {
  id: string;
  role: Role;
}

export interface GraphqlResult {
  data?: any;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

type Completed = CloudEvent<EventData<typeof DistributionEvents.DistributionCompleted>>;

export interface TestDistribution extends DistributionApp {
  issuer: TestIssuer;
  /** Marketplace's and wallet's side: publishes an event into this file's namespace; returns its id. */
  publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>, id?: string): Promise<string>;
  /** Every `distribution.distribution.completed` received so far, consumed from JetStream as the wallet would. */
  completed: Completed[];
  graphql(query: string, variables?: Record<string, unknown>, as?: Caller): Promise<GraphqlResult>;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** A counter's value on the subgraph's registry (what /metrics serves), summed over series matching `labels`. */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The subgraph on a free port over a fresh database, with its own event namespace on the
 * real NATS server and a token issuer of its own. `wrapTransport` lets a test interfere
 * with deliveries (e.g. lose acks, so the broker redelivers).
 */
export async function startTestDistribution(
  options: { env?: Record<string, string>; wrapTransport?: (t: EventTransport) => EventTransport } = {},
): Promise<TestDistribution> {
  const db = createTestDatabase('distribution');
  const namespace = testNamespace('distribution');
  const logger = testLogger();
  const config = loadDistributionConfig({
    DATABASE_URL: db.serverUrl,
    PORT: '0',
    NODE_ENV: 'test',
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: namespace,
    ...options.env,
  });
  const issuer = await createTestIssuer();
  const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
  const appTransport = options.wrapTransport
    ? options.wrapTransport(await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace }))
    : undefined;
  const app = await startDistribution({
    config,
    logger,
    dbName: db.dbName,
    verificationKeys: issuer.keys,
    ...(appTransport ? { eventTransport: appTransport } : {}),
  });
  const completed: Completed[] = [];
  const listener: RunningConsumer = await transport.consume(
    {
      durable: 'test-wallet-listener',
      stream: 'DISTRIBUTION',
      subject: DistributionEvents.DistributionCompleted.subject,
      ackWaitMs: 5_000,
    },
    async (delivery) => {
      completed.push(parseEnvelope(delivery.data) as Completed);
      await delivery.ack();
    },
  );
  return {
    ...app,
    issuer,
    completed,
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
    metric: async (name, labels = {}) => {
      const metric = app.events.metrics.registry.getSingleMetric(name);
      const values = metric ? (await metric.get()).values : [];
      return values
        .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
        .reduce((sum, v) => sum + v.value, 0);
    },
    stop: async () => {
      await listener.stop();
      await app.close();
      await appTransport?.close();
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

export const investor = (): Caller => ({ id: randomUUID(), role: 'INVESTOR' });
export const producer = (): Caller => ({ id: randomUUID(), role: 'PRODUCER' });
export const admin = (): Caller => ({ id: randomUUID(), role: 'ADMIN' });

export const errorCode = (result: GraphqlResult) => result.errors?.[0]?.extensions?.['code'];
