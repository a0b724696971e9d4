import type { StreamName } from '@peerseed/shared';

/** One stored event of a stream, as a subscription reads it. */
export interface StoredEvent {
  /** Position in the stream: what a cursor encodes. */
  sequence: number;
  /** The contract's subject, without namespace (e.g. `wallet.payment.confirmed`). */
  subject: string;
  data: Uint8Array;
}

/** What a subscription reads; closing it ends its iteration promptly. */
export interface EventReader extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/**
 * One stream as subscriptions see it: its bounds (to start live, resume or refuse a
 * cursor) and a reader per subscription from a start sequence.
 */
export interface EventSource {
  /** First and last stored sequences (first > last when empty). */
  bounds(): Promise<{ first: number; last: number }>;
  /** Every event from `fromSequence` on, in order, then live ones. */
  read(fromSequence: number): Promise<EventReader>;
}

/**
 * The event streams subscriptions read, one source per stream: JetStream in production;
 * the launcher's in-process transport for `npm start` without NATS.
 */
export interface EventSources {
  stream(name: StreamName): EventSource;
  /** Ends every reader still open. */
  close(): Promise<void>;
}
