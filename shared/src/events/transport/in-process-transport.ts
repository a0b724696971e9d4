import type { StreamName } from '../contract.js';
import { DUPLICATE_WINDOW_MS, STREAM_RETENTION_MS } from '../streams.js';
import type { ConsumerSpec, Delivery, EventTransport, RunningConsumer } from './event-transport.js';

interface Stored {
  sequence: number;
  subject: string;
  data: Uint8Array;
  publishedAt: number;
}

/** A stream's events still retained: `entries[i]` has sequence `first + i`. */
interface Log {
  first: number;
  entries: Stored[];
  /** When events past the retention were last dropped (at most once a second). */
  trimmedAt: number;
}

/** The event of `log` at `sequence`, if it is still retained. */
const storedAt = (log: Log, sequence: number): Stored | undefined => log.entries[sequence - log.first];

/** One stored event of a stream, read by position (the gateway's subscriptions). */
export interface StreamMessage {
  sequence: number;
  /** The contract's subject (no namespace in process). */
  subject: string;
  data: Uint8Array;
}

/** A stream read from a sequence on, then live; closing it ends the iteration promptly. */
export interface StreamReader extends AsyncIterable<StreamMessage> {
  close(): Promise<void>;
}

interface Durable {
  spec: ConsumerSpec;
  /** Next stream sequence to hand out. */
  cursor: number;
  /** Deliveries waiting for their retry time, by sequence. */
  retries: Map<number, { at: number; count: number }>;
  deliveries: Map<number, number>;
  wake: () => void;
}

/**
 * JetStream's semantics in memory, for `npm start` without NATS: per-stream logs,
 * dedup of repeated ids, durable consumers that resume where they stopped, explicit
 * ack and delayed redelivery. One process only, nothing survives a restart — the
 * outbox does, so events still flow after it. Like the streams, it forgets events past
 * their retention and ids past the duplicate window, so a long run does not grow for ever.
 */
export class InProcessTransport implements EventTransport {
  private readonly streams = new Map<StreamName, Log>();
  /** Ids of the duplicate window, oldest first (Map keeps insertion order). */
  private readonly seen = new Map<string, number>();
  private readonly durables = new Map<string, Durable>();
  /** Wakes the live readers of a stream (see `read`). */
  private readonly readers = new Map<StreamName, Set<() => void>>();

  async publish(stream: StreamName, subject: string, id: string, data: Uint8Array): Promise<{ duplicate: boolean }> {
    const now = Date.now();
    for (const [oldest, at] of this.seen) {
      if (now - at < DUPLICATE_WINDOW_MS) break;
      this.seen.delete(oldest);
    }
    if (this.seen.has(id)) return { duplicate: true };
    this.seen.set(id, now);
    const log = this.logOf(stream);
    this.trim(log, now);
    log.entries.push({ sequence: log.first + log.entries.length, subject, data, publishedAt: now });
    for (const durable of this.durables.values()) if (durable.spec.stream === stream) durable.wake();
    for (const wake of this.readers.get(stream) ?? []) wake();
    return { duplicate: false };
  }

  /** A stream's first and last stored sequences (first > last when empty). */
  bounds(stream: StreamName): { first: number; last: number } {
    const log = this.logOf(stream);
    return { first: log.first, last: log.first + log.entries.length - 1 };
  }

  private logOf(stream: StreamName): Log {
    let log = this.streams.get(stream);
    if (!log) this.streams.set(stream, (log = { first: 1, entries: [], trimmedAt: 0 }));
    return log;
  }

  /** Drops the events past the retention (in one splice, at most once a second). */
  private trim(log: Log, now: number): void {
    if (now - log.trimmedAt < 1_000) return;
    log.trimmedAt = now;
    let expired = 0;
    while (expired < log.entries.length && now - log.entries[expired]!.publishedAt > STREAM_RETENTION_MS) expired += 1;
    if (expired === 0) return;
    log.entries.splice(0, expired);
    log.first += expired;
  }

  /**
   * Every event of `stream` from `fromSequence` on, in order, then live ones: what a
   * JetStream ordered consumer gives the gateway's subscriptions. No buffer of its own —
   * it reads the log at its reader's pace.
   */
  read(stream: StreamName, fromSequence: number): StreamReader {
    const wakers = this.readers.get(stream) ?? new Set<() => void>();
    this.readers.set(stream, wakers);
    let next = Math.max(fromSequence, 1);
    let open = true;
    let wake: () => void = () => undefined;
    const waker = () => wake();
    wakers.add(waker);
    const log = this.logOf(stream);
    return {
      [Symbol.asyncIterator]: async function* (): AsyncGenerator<StreamMessage> {
        while (open) {
          next = Math.max(next, log.first); // what expired is gone, as from a stream
          const stored = storedAt(log, next);
          if (stored) {
            next += 1;
            yield { sequence: stored.sequence, subject: stored.subject, data: stored.data };
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
        }
      },
      close: async () => {
        open = false;
        wakers.delete(waker);
        wake();
      },
    };
  }

  async consume(spec: ConsumerSpec, handle: (delivery: Delivery) => Promise<void>): Promise<RunningConsumer> {
    const key = `${spec.stream}/${spec.durable}`;
    const durable: Durable = this.durables.get(key) ?? {
      spec,
      cursor: 1,
      retries: new Map(),
      deliveries: new Map(),
      wake: () => undefined,
    };
    this.durables.set(key, durable);
    let running = true;
    let timer: NodeJS.Timeout | undefined;
    let signal: (() => void) | null = null;
    durable.wake = () => signal?.();
    const log = this.logOf(spec.stream);
    const nextDue = (): Stored | { wait: number } | null => {
      const now = Date.now();
      let wait = Infinity;
      for (const [sequence, retry] of durable.retries) {
        if (retry.at <= now) {
          durable.retries.delete(sequence);
          const stored = storedAt(log, sequence);
          // Expired while it waited for its retry: gone, as from a stream.
          if (stored) return stored;
          durable.deliveries.delete(sequence);
          continue;
        }
        wait = Math.min(wait, retry.at - now);
      }
      durable.cursor = Math.max(durable.cursor, log.first);
      while (durable.cursor < log.first + log.entries.length) {
        const stored = storedAt(log, durable.cursor)!;
        durable.cursor += 1;
        if (stored.subject === spec.subject) return stored;
      }
      return wait === Infinity ? null : { wait };
    };
    const loop = (async () => {
      while (running) {
        const next = nextDue();
        if (next === null || 'wait' in next) {
          await new Promise<void>((resolve) => {
            signal = resolve;
            if (next) timer = setTimeout(resolve, next.wait);
          });
          clearTimeout(timer);
          signal = null;
          continue;
        }
        const count = (durable.deliveries.get(next.sequence) ?? 0) + 1;
        durable.deliveries.set(next.sequence, count);
        let settled = false;
        await handle({
          data: next.data,
          deliveryCount: count,
          streamSequence: next.sequence,
          ack: async () => {
            settled = true;
            durable.deliveries.delete(next.sequence);
          },
          nak: (delayMs) => {
            settled = true;
            durable.retries.set(next.sequence, { at: Date.now() + delayMs, count });
          },
        }).catch(() => undefined);
        // Neither acked nor nak'ed: redeliver after the ack wait, as JetStream would.
        if (!settled) durable.retries.set(next.sequence, { at: Date.now() + spec.ackWaitMs, count });
      }
    })();
    return {
      stop: async () => {
        running = false;
        signal?.();
        await loop;
      },
      pending: async () => log.entries.filter((s) => s.sequence >= durable.cursor && s.subject === spec.subject).length,
    };
  }

  async close(): Promise<void> {
    for (const durable of this.durables.values()) durable.wake();
  }
}
