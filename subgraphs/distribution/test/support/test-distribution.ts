import {
  DistributionEvents,
  parseEnvelope,
  type CloudEvent,
  type EventContract,
  type EventData,
  type EventTransport,
  type RunningConsumer,
} from '@peerseed/shared';
import {
  admin,
  createSubgraphTestKit,
  errorCode,
  eventually,
  investor,
  producer,
  type Caller,
  type GraphqlResult,
  type TestIssuer,
} from '@peerseed/shared/testing';
import { startDistribution, type DistributionApp } from '../../src/app.js';
import { loadDistributionConfig } from '../../src/config.js';

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
  const kit = await createSubgraphTestKit('distribution', options);
  const { issuer, transport } = kit;
  const app = await startDistribution({
    config: loadDistributionConfig({ ...kit.env, ...options.env }),
    logger: kit.logger,
    dbName: kit.db.dbName,
    verificationKeys: issuer.keys,
    ...(kit.appTransport ? { eventTransport: kit.appTransport } : {}),
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
    publish: kit.publish,
    graphql: (query, variables, as) => kit.graphql(app.url, query, variables, as),
    sql: (query, params) => kit.sql(app.orm, query, params),
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
      await kit.close();
    },
  };
}

export { admin, errorCode, eventually, investor, producer, type Caller, type GraphqlResult };
