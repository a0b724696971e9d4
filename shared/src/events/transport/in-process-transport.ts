import type { StreamName } from '../contract.js';
import { DUPLICATE_WINDOW_MS } from '../streams.js';
import type { ConsumerSpec, Delivery, EventTransport, RunningConsumer } from './event-transport.js';

interface Stored {
  sequence: number;
  subject: string;
  data: Uint8Array;
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
 * outbox does, so events still flow after it.
 */
export class InProcessTransport implements EventTransport {
  private readonly streams = new Map<StreamName, Stored[]>();
  private readonly seen = new Map<string, number>();
  private readonly durables = new Map<string, Durable>();

  async publish(stream: StreamName, subject: string, id: string, data: Uint8Array): Promise<{ duplicate: boolean }> {
    const now = Date.now();
    const seenAt = this.seen.get(id);
    if (seenAt !== undefined && now - seenAt < DUPLICATE_WINDOW_MS) return { duplicate: true };
    this.seen.set(id, now);
    const log = this.streams.get(stream) ?? [];
    this.streams.set(stream, log);
    log.push({ sequence: log.length + 1, subject, data });
    for (const durable of this.durables.values()) if (durable.spec.stream === stream) durable.wake();
    return { duplicate: false };
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
    const log = () => this.streams.get(spec.stream) ?? [];
    const nextDue = (): Stored | { wait: number } | null => {
      const now = Date.now();
      let wait = Infinity;
      for (const [sequence, retry] of durable.retries) {
        if (retry.at <= now) {
          durable.retries.delete(sequence);
          return log()[sequence - 1]!;
        }
        wait = Math.min(wait, retry.at - now);
      }
      while (durable.cursor <= log().length) {
        const stored = log()[durable.cursor - 1]!;
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
      pending: async () => log().filter((s, i) => i + 1 >= durable.cursor && s.subject === spec.subject).length,
    };
  }

  async close(): Promise<void> {
    for (const durable of this.durables.values()) durable.wake();
  }
}
