import type { StreamName } from '../contract.js';

/** One delivery of a stored event to a durable consumer. */
export interface Delivery {
  /** The stored envelope (JSON). */
  data: Uint8Array;
  /** 1 on first delivery, then 2, 3, … */
  deliveryCount: number;
  /** Position in its stream: a resumable cursor. */
  streamSequence: number;
  /** Done: never deliver again. Resolves once the broker has recorded it. */
  ack(): Promise<void>;
  /** Failed: deliver again after `delayMs`. */
  nak(delayMs: number): void;
}

export interface ConsumerSpec {
  /** Durable consumer name, unique per consuming service and handler. */
  durable: string;
  stream: StreamName;
  /** The one subject (a contract's, without namespace) it consumes: nats-server 2.9 filters on one. */
  subject: string;
  /** How long an unacknowledged delivery waits before it is redelivered. */
  ackWaitMs: number;
  /** Deliveries handled at once (default 1: one after another). */
  concurrency?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
  /** Events stored but not yet delivered to this consumer (lag). */
  pending(): Promise<number>;
}

/**
 * Where events travel: NATS JetStream, or an in-process stand-in with the same
 * semantics (dedup by id, durable consumers, explicit ack, redelivery) when no
 * NATS_URL is given.
 */
export interface EventTransport {
  /** Stores an event; a repeated `id` within the duplicate window is stored once. Resolves on the server's ack. */
  publish(stream: StreamName, subject: string, id: string, data: Uint8Array): Promise<{ duplicate: boolean }>;
  consume(spec: ConsumerSpec, handle: (delivery: Delivery) => Promise<void>): Promise<RunningConsumer>;
  close(): Promise<void>;
}
