import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { StreamName } from '../contract.js';
import {
  DUPLICATE_WINDOW_MS,
  eventNamespace,
  STREAM_NAMES,
  STREAM_RETENTION_MS,
  type EventNamespace,
} from '../streams.js';
import { DelayedAcks } from './delayed-acks.js';
import { JetStreamPublisher } from './jetstream-publisher.js';
import type { ConsumerSpec, Delivery, EventTransport, RunningConsumer } from './event-transport.js';

const nanos = (ms: number) => ms * 1_000_000;

export interface JetStreamTransportOptions {
  url: string;
  logger: Logger;
  /** Prefix of streams and subjects (tests); empty in production. */
  namespace?: string;
  /** Connection name shown by the server (service name). */
  name?: string;
  /** How long a consumer's acks wait to go out together (default 20 ms; 0: each at once). See `DelayedAcks`. */
  ackDelayMs?: number;
  /**
   * How long a consumer's pull request lives (default 30 s). The client notices a durable that
   * vanished after two missed heartbeats (half of this each), then checks again every this long.
   */
  pullExpiresMs?: number;
}

/** Creates or updates every domain stream; safe to run at every start of every replica. */
async function ensureStreams(jsm: JetStreamManager, ns: EventNamespace): Promise<void> {
  for (const stream of STREAM_NAMES) {
    const config = {
      name: ns.stream(stream),
      subjects: [ns.streamSubjects(stream)],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(STREAM_RETENTION_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError) || error.status !== 404) throw error;
      await jsm.streams.add(config).catch(async (addError: unknown) => {
        // Another replica created it between our info and add.
        if (!(addError instanceof JetStreamApiError)) throw addError;
        await jsm.streams.update(config.name, config);
      });
    }
  }
}

/** Events over NATS JetStream: `Nats-Msg-Id` dedup, durable pull consumers, explicit ack. */
export class JetStreamTransport implements EventTransport {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly ns: EventNamespace,
    private readonly logger: Logger,
    private readonly publisher: JetStreamPublisher,
    private readonly ackDelayMs: number,
    private readonly pullExpiresMs: number,
  ) {}

  static async connect(options: JetStreamTransportOptions): Promise<JetStreamTransport> {
    const nc = await connect({
      servers: options.url,
      name: options.name,
      // Keep trying forever: an outage delays events, the outbox keeps them meanwhile.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      // No stack captured per request (the JetStream API, consumer pulls; publishes are JetStreamPublisher's).
      noAsyncTraces: true,
    });
    const jsm = await jetstreamManager(nc);
    const ns = eventNamespace(options.namespace);
    await ensureStreams(jsm, ns);
    return new JetStreamTransport(
      nc,
      jetstream(nc, { timeout: 5_000 }),
      jsm,
      ns,
      options.logger,
      new JetStreamPublisher(nc, 5_000),
      options.ackDelayMs ?? 20,
      options.pullExpiresMs ?? 30_000,
    );
  }

  publish(stream: StreamName, subject: string, id: string, data: Uint8Array): Promise<{ duplicate: boolean }> {
    return this.publisher.publish(this.ns.subject(subject), data, id, this.ns.stream(stream));
  }

  async consume(spec: ConsumerSpec, handle: (delivery: Delivery) => Promise<void>): Promise<RunningConsumer> {
    const streamName = this.ns.stream(spec.stream);
    const config = {
      durable_name: spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.ns.subject(spec.subject),
      ack_wait: nanos(spec.ackWaitMs),
      // Redelivery is bounded by the consumer (dead letters), not by the server.
      max_deliver: -1,
      max_ack_pending: 1_000,
    };
    await this.jsm.consumers.add(streamName, config).catch(async (error: unknown) => {
      if (!(error instanceof JetStreamApiError)) throw error;
      await this.jsm.consumers.update(streamName, spec.durable, config);
    });
    const consumer = await this.js.consumers.get(streamName, spec.durable);
    let messages: ConsumerMessages | null = await consumer.consume({ max_messages: 256, expires: this.pullExpiresMs });
    // A durable deleted on the server (e.g. by an operator) leaves the client
    // waiting for it for ever, while the service looks healthy: put it back. It starts from the
    // stream's first event; the inbox takes every one the consumer is done with (handled or
    // dead-lettered) as a duplicate.
    void (async () => {
      for await (const status of messages.status()) {
        if (status.type !== 'consumer_deleted' && status.type !== 'consumer_not_found') continue;
        this.logger.error(
          { durable: spec.durable, stream: streamName },
          'durable consumer gone from the server; re-creating it',
        );
        await this.jsm.consumers
          .add(streamName, config)
          .catch((error: unknown) =>
            this.logger.error({ err: error, durable: spec.durable }, 'could not re-create the durable consumer'),
          );
      }
    })();
    const limit = Math.max(1, spec.concurrency ?? 1);
    const acks = new DelayedAcks(this.ackDelayMs);
    const inFlight = new Set<Promise<void>>();
    // Woken when a handler finishes (not Promise.race over every in-flight handler, which costs O(limit) per message).
    let slotFreed: (() => void) | null = null;
    const loop = (async () => {
      for await (const msg of messages!) {
        const handled: Promise<void> = handle({
          data: msg.data,
          deliveryCount: msg.info.deliveryCount,
          streamSequence: msg.info.streamSequence,
          // Fire-and-forget ack, sent with the others of the next few ms: if it is lost, the redelivery meets the inbox.
          ack: async () => acks.add(() => msg.ack()),
          nak: (delayMs) => msg.nak(delayMs),
        })
          .catch((error: unknown) => this.logger.error({ err: error, durable: spec.durable }, 'event handler crashed'))
          .finally(() => {
            inFlight.delete(handled);
            slotFreed?.();
          });
        inFlight.add(handled);
        while (inFlight.size >= limit) await new Promise<void>((resolve) => (slotFreed = resolve));
        slotFreed = null;
      }
      await Promise.all(inFlight);
    })();
    return {
      stop: async () => {
        await messages?.close();
        messages = null;
        await loop;
        acks.flush();
      },
      pending: async () => {
        const info = await this.jsm.consumers.info(streamName, spec.durable);
        return info.num_pending + info.num_ack_pending;
      },
    };
  }

  async close(): Promise<void> {
    await this.nc.drain();
    this.publisher.close();
  }
}
