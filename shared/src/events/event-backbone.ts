import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { UNCOUNTED } from '../persistence/database.js';
import { Registry } from 'prom-client';
import type { EventHandler } from './consumer/event-handler.js';
import { EventConsumers } from './consumer/event-consumers.js';
import { EventMetrics } from './event-metrics.js';
import { EventTablePruner } from './outbox/event-table-pruner.js';
import { OutboxFastPath } from './outbox/outbox-fast-path.js';
import { OutboxRelay } from './outbox/outbox-relay.js';
import { OutboxWriter } from './outbox/outbox-writer.js';
import type { EventTransport } from './transport/event-transport.js';
import { InProcessTransport } from './transport/in-process-transport.js';
import { JetStreamTransport } from './transport/jetstream-transport.js';

export interface EventBackboneOptions {
  service: string;
  orm: MikroORM;
  logger: Logger;
  /** NATS with JetStream; unset: `transport`, or a new in-process transport. */
  natsUrl?: string | undefined;
  /** An in-process transport shared by services running in one process (`npm start`). */
  transport?: EventTransport;
  /** Stream and subject prefix (tests, benchmarks). */
  namespace?: string | undefined;
  handlers?: EventHandler<any>[];
  maxDeliveries?: number;
  backoffMs?: number;
  /** How long a delivery may stay unacknowledged before it is redelivered (must outlast a handler's time limit). */
  ackWaitMs?: number;
  /** Transactions at once per consumer. */
  concurrency?: number;
  /** Most deliveries per consumer transaction (1: one transaction per event). */
  batchSize?: number;
  registry?: Registry;
  /**
   * Publish each transaction's events right after its commit from this process (default
   * true); the relay then only catches up with what that missed. False: the relay alone.
   */
  fastPath?: boolean;
}

/** One service's events: where they travel, its outbox relay, its consumers, their metrics. */
export interface EventBackbone {
  transport: EventTransport;
  outbox: OutboxWriter;
  relay: OutboxRelay;
  /** Null when the relay alone publishes (`fastPath: false`). */
  fastPath: OutboxFastPath | null;
  consumers: EventConsumers;
  metrics: EventMetrics;
  close(): Promise<void>;
}

/** Wires and starts a service's event backbone (relay first, so consumers' own events flow). */
export async function startEventBackbone(options: EventBackboneOptions): Promise<EventBackbone> {
  const ownsTransport = !options.transport;
  const transport =
    options.transport ??
    (options.natsUrl
      ? await JetStreamTransport.connect({
          url: options.natsUrl,
          logger: options.logger,
          name: options.service,
          ...(options.namespace ? { namespace: options.namespace } : {}),
        })
      : new InProcessTransport());
  const metrics = new EventMetrics(options.service, options.registry ?? new Registry());
  const publishing = { orm: options.orm, transport, logger: options.logger, metrics };
  const fastPath = options.fastPath === false ? null : OutboxFastPath.start(publishing);
  const relay = new OutboxRelay({ ...publishing, fastPath: fastPath !== null });
  const consumers = new EventConsumers({
    service: options.service,
    orm: options.orm,
    transport,
    handlers: options.handlers ?? [],
    logger: options.logger,
    relay,
    metrics,
    ...(options.maxDeliveries ? { maxDeliveries: options.maxDeliveries } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    ...(options.ackWaitMs ? { ackWaitMs: options.ackWaitMs } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  metrics.outboxBacklog(async () => {
    const rows = await options.orm.em
      .fork()
      .getConnection()
      .execute<{ n: string }[]>(`select ${UNCOUNTED} count(*) as n from "outbox_events" where "published_at" is null`);
    return Number(rows[0]?.n ?? 0);
  });
  metrics.consumerLag(() => consumers.lag());
  const pruner = new EventTablePruner({ orm: options.orm, logger: options.logger });
  relay.start();
  await consumers.start();
  pruner.start();
  return {
    transport,
    outbox: new OutboxWriter(`/peerseed/${options.service}`),
    relay,
    fastPath,
    consumers,
    metrics,
    close: async () => {
      await pruner.stop();
      await consumers.stop();
      await fastPath?.stop();
      await relay.stop();
      if (ownsTransport) await transport.close();
    },
  };
}
