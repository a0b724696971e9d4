/** One stored event of the WALLET stream, as a subscription reads it. */
export interface StoredWalletEvent {
  /** Position in the stream: what a cursor encodes. */
  sequence: number;
  /** The contract's subject, without namespace (e.g. `wallet.payment.confirmed`). */
  subject: string;
  data: Uint8Array;
}

/** What a subscription reads; closing it ends its iteration promptly. */
export interface WalletEventReader extends AsyncIterable<StoredWalletEvent> {
  close(): Promise<void>;
}

/**
 * The WALLET stream as subscriptions see it: its bounds (to resume or refuse a cursor)
 * and a reader per subscription from a start sequence. JetStream in production; an
 * in-process stand-in for `npm start` without NATS.
 */
export interface WalletEventSource {
  /** First and last stored sequences (first > last when empty). */
  bounds(): Promise<{ first: number; last: number }>;
  /** Every event from `fromSequence` on, in order, then live ones. */
  read(fromSequence: number): Promise<WalletEventReader>;
  close(): Promise<void>;
}
