import { randomUUID } from 'node:crypto';
import type { MikroORM, SqlEntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { runWithCorrelation } from '../../logging/correlation.js';
import { MalformedEventError, parseEnvelope, type CloudEvent } from '../envelope.js';
import type { EventMetrics } from '../event-metrics.js';
import { DeadLetterEntity } from '../outbox/event-tables.js';
import type { OutboxRelay } from '../outbox/outbox-relay.js';
import { OutboxWriter } from '../outbox/outbox-writer.js';
import type { Delivery, EventTransport, RunningConsumer } from '../transport/event-transport.js';
import { EventArrivedEarlyError, type EventHandler } from './event-handler.js';
import { KeyedBatches } from './keyed-batches.js';
import { detachedFork } from '../../persistence/detached-fork.js';
import { DEFERRED } from '../../persistence/deferred-statements.js';

export interface EventConsumersOptions {
  /** The consuming service; durable names are `<service>-<handler name>`. */
  service: string;
  orm: MikroORM;
  transport: EventTransport;
  handlers: EventHandler<any>[];
  logger: Logger;
  relay?: OutboxRelay;
  metrics?: EventMetrics;
  /** Deliveries before an event is dead-lettered. */
  maxDeliveries?: number;
  /**
   * Deliveries before an event whose handler keeps saying it came too early
   * (`EventArrivedEarlyError`) is dead-lettered (default 20: about 13 minutes with the
   * default backoff), so a dependency that lags for minutes (a deploy, a consumer catching
   * up) does not send its dependants to an operator.
   */
  maxEarlyDeliveries?: number;
  /** First retry delay; doubles per delivery up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  ackWaitMs?: number;
  /**
   * Transactions at once per consumer (default 2). Events of one aggregate (the same
   * `subject`) are still handled one after another, in delivery order. Handlers only touch
   * their database, which two transactions keep busy on one replica; more would only split
   * the queued deliveries into smaller batches (more commits for the same events).
   */
  concurrency?: number;
  /**
   * Most deliveries handled in one transaction (default 32). Deliveries that queue up
   * while the transactions are busy go together: one commit for many events.
   */
  batchSize?: number;
  /** Called after an event's effect committed (benchmarks, tracing). */
  onHandled?: (consumer: string, event: CloudEvent, outcome: Outcome) => void;
}

/** A permanent failure: retrying cannot help, dead-letter at once. */
class PoisonEventError extends Error {}

type Outcome = 'applied' | 'duplicate';

interface Received {
  delivery: Delivery;
  envelope: CloudEvent;
}

/**
 * Runs every handler of a service as a durable consumer: validate the payload, apply
 * the effect and record the event id (inbox) in one transaction, then ack. Failures are
 * retried with exponential backoff; after `maxDeliveries` the event is stored as a dead
 * letter (visible to operators, replayable) and acknowledged, so it blocks nothing.
 * Under load, deliveries that queued up share a transaction (effects and inbox rows of
 * all, in delivery order); if any of them fails, the batch is rolled back and each is
 * handled again on its own, so failures, retries and dead letters are exactly those of
 * one transaction per event.
 */
export class EventConsumers {
  private readonly running: RunningConsumer[] = [];
  private readonly maxDeliveries: number;
  private readonly maxEarlyDeliveries: number;
  private readonly source: OutboxWriter;

  constructor(private readonly options: EventConsumersOptions) {
    this.maxDeliveries = options.maxDeliveries ?? 5;
    this.maxEarlyDeliveries = Math.max(this.maxDeliveries, options.maxEarlyDeliveries ?? 20);
    this.source = new OutboxWriter(`/peerseed/${options.service}`);
  }

  durableName(handler: EventHandler): string {
    return `${this.options.service}-${handler.name}`;
  }

  async start(): Promise<void> {
    const workers = this.options.concurrency ?? 2;
    const maxBatch = this.options.batchSize ?? 32;
    for (const handler of this.options.handlers) {
      // One queue per handler, keyed by aggregate: its events never overlap and keep their order.
      const batches = new KeyedBatches<Received>((items) => this.deliverBatch(handler, items), { workers, maxBatch });
      const consumer = await this.options.transport.consume(
        {
          durable: this.durableName(handler),
          stream: handler.contract.stream,
          subject: handler.contract.subject,
          ackWaitMs: this.options.ackWaitMs ?? 30_000,
          concurrency: workers * maxBatch,
        },
        (delivery) => this.receive(handler, batches, delivery),
      );
      this.running.push(consumer);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.running.splice(0).map((consumer) => consumer.stop()));
  }

  /** Lag of every consumer, for metrics. */
  async lag(): Promise<Record<string, number>> {
    const entries = await Promise.all(
      this.options.handlers.map(
        async (h, i) => [this.durableName(h), (await this.running[i]?.pending()) ?? 0] as const,
      ),
    );
    return Object.fromEntries(entries);
  }

  /** Handles one event on its own: the validation, inbox and transaction of a delivery. */
  process(handler: EventHandler, envelope: CloudEvent): Promise<Outcome> {
    return this.processTogether(handler, [envelope]);
  }

  /**
   * Applies the effects of `envelopes` (in this order) and records them in the inbox, in
   * one transaction; throws, leaving no trace, if any of them fails — unless every one of
   * them was already recorded (a redelivery), which is no failure: nothing more to do.
   */
  private async processTogether(
    handler: EventHandler,
    envelopes: CloudEvent[],
    /** Runs first in the transaction (a replay's own bookkeeping). */
    before?: (em: SqlEntityManager) => Promise<void>,
  ): Promise<Outcome> {
    const consumer = this.durableName(handler);
    const single = envelopes.length === 1;
    const transaction = () =>
      detachedFork(this.options.orm).transactional(async (em) => {
        // Inside the try below: a dead-lettered poison event delivered again is a duplicate too.
        const payloads = envelopes.map((envelope) => this.payload(handler, envelope));
        await before?.(em);
        for (const [i, envelope] of envelopes.entries()) {
          // Each effect sees a clean identity map, as if it had the transaction to itself.
          const own = single ? em : (em.fork({ keepTransactionContext: true }) as SqlEntityManager);
          await this.applyEffect(handler, own, envelope, payloads[i]);
          if (!single) await own.flush();
        }
        // Recorded last, riding with the COMMIT (no round trip of its own): an event recorded
        // before fails here, on the inbox's key, and its effects are rolled back with it.
        await em.execute(
          `${DEFERRED} insert into "inbox_events" ("consumer", "event_id", "processed_at")
          values ${envelopes.map(() => '(?, ?, now())').join(', ')}`,
          envelopes.flatMap((envelope) => [consumer, envelope.id]),
        );
      });
    let outcome: Outcome = 'applied';
    try {
      // One event: its correlation id also covers the commit and what runs after it (a handler's after-commit work).
      await (single ? runWithCorrelation(envelopes[0]!.correlationid ?? envelopes[0]!.id, transaction) : transaction());
    } catch (error) {
      // Whatever failed (the inbox's key, or an effect that no longer applies), a redelivery is done.
      // (If the check fails too — the database is gone — the original failure is the one to report.)
      if (!(await this.allRecorded(consumer, envelopes).catch(() => false))) throw error;
      outcome = 'duplicate';
    }
    if (outcome === 'applied') this.options.relay?.wake();
    for (const envelope of envelopes) this.options.onHandled?.(consumer, envelope, outcome);
    return outcome;
  }

  /** Whether the inbox holds every one of `envelopes` for `consumer` (committed by an earlier delivery). */
  private async allRecorded(consumer: string, envelopes: CloudEvent[]): Promise<boolean> {
    const rows = await detachedFork(this.options.orm).execute<{ n: string | number }[]>(
      `select count(*) as "n" from "inbox_events" where "consumer" = ? and "event_id" in (?)`,
      [consumer, envelopes.map((envelope) => envelope.id)],
    );
    return Number(rows[0]?.n ?? 0) === envelopes.length;
  }

  /** The event's data as its contract types it; a wrong type or shape is poison (every path: batch, one, replay). */
  private payload(handler: EventHandler, envelope: CloudEvent): unknown {
    if (envelope.type !== handler.contract.type) {
      throw new PoisonEventError(`expected ${handler.contract.type}, got ${envelope.type}`);
    }
    const parsed = handler.contract.schema.safeParse(envelope.data);
    if (!parsed.success)
      throw new PoisonEventError(`payload does not match ${handler.contract.type}: ${parsed.error.message}`);
    return parsed.data;
  }

  private applyEffect(handler: EventHandler, em: SqlEntityManager, envelope: CloudEvent, data: unknown) {
    const consumer = this.durableName(handler);
    // Made only when a handler logs: a child logger per event costs more than the event.
    let child: Logger | undefined;
    const logger = new Proxy(this.options.logger, {
      get: (_target, property) => {
        child ??= this.options.logger.child({ consumer, eventId: envelope.id, correlationId: envelope.correlationid });
        const value = Reflect.get(child, property);
        return typeof value === 'function' ? value.bind(child) : value;
      },
    });
    const event = {
      id: envelope.id,
      subject: envelope.subject,
      time: envelope.time,
      correlationId: envelope.correlationid,
      data,
    };
    return runWithCorrelation(envelope.correlationid ?? envelope.id, () =>
      handler.handle(event, { em, logger, outbox: this.source }),
    );
  }

  /**
   * Runs a dead letter's event through its handler again (after a fix, or once the
   * cause is gone). Succeeds or leaves the dead letter as it was, with the new error.
   */
  async replay(deadLetterId: string): Promise<'applied' | 'duplicate'> {
    const em = detachedFork(this.options.orm);
    const letter = await em.findOne(DeadLetterEntity, { id: deadLetterId });
    if (!letter) throw new DeadLetterNotFoundError(deadLetterId);
    if (letter.replayedAt) throw new DeadLetterAlreadyReplayedError(deadLetterId);
    const handler = this.options.handlers.find((h) => this.durableName(h) === letter.consumer);
    if (!handler) throw new DeadLetterNotFoundError(deadLetterId);
    try {
      const envelope = parseEnvelope(Buffer.from(letter.envelope));
      return await this.processTogether(handler, [envelope], async (tx) => {
        // Marked in the transaction that applies it: of two replays at once, one applies (the
        // other waits on this row, then finds it replayed: refused, or a duplicate if recorded).
        const marked = await tx.nativeUpdate(
          DeadLetterEntity,
          { id: letter.id, replayedAt: null },
          { replayedAt: new Date() },
        );
        if (marked === 0) throw new DeadLetterAlreadyReplayedError(deadLetterId);
        // The inbox row `deadLetter` wrote says "done with"; the replay handles the event after all
        // and records it again. (Gone already if the pruner took it: nothing to delete.)
        await tx.execute(`delete from "inbox_events" where "consumer" = ? and "event_id" = ?`, [
          letter.consumer,
          envelope.id,
        ]);
      });
    } catch (error) {
      await em.nativeUpdate(DeadLetterEntity, { id: letter.id }, { error: String(error).slice(0, 2_000) });
      throw error;
    }
  }

  /** Queues a delivery behind the ones of the same aggregate that are still queued or in flight. */
  private receive(handler: EventHandler, batches: KeyedBatches<Received>, delivery: Delivery): Promise<void> {
    let envelope: CloudEvent;
    try {
      envelope = parseEnvelope(delivery.data);
    } catch (error) {
      return this.deliver(handler, delivery, error); // malformed: dead-lettered straight away
    }
    return batches.push(envelope.subject, { delivery, envelope });
  }

  /** Handles deliveries that queued up together in one transaction, or each on its own if that fails. */
  private async deliverBatch(handler: EventHandler, items: Received[]): Promise<void> {
    if (items.length > 1) {
      const consumer = this.durableName(handler);
      let outcome: Outcome | null = null;
      try {
        outcome = await this.processTogether(
          handler,
          items.map((item) => item.envelope),
        );
      } catch (error) {
        this.options.logger.debug({ err: error, consumer, events: items.length }, 'batch failed; one by one');
      }
      if (outcome) {
        // All at once, so the client sends them in one write. If an ack is lost, the redelivery meets the inbox.
        await Promise.all(
          items.map((item) =>
            item.delivery
              .ack()
              .catch((error: unknown) => this.options.logger.warn({ err: error, consumer }, 'ack failed')),
          ),
        );
        for (const item of items) this.options.metrics?.handled(consumer, outcome, item.delivery.deliveryCount);
        return;
      }
    }
    // One delivery, or a batch that failed as a whole (it left no trace): each with its own retries and dead letter.
    for (const item of items) {
      await this.deliver(handler, item.delivery, item.envelope).catch((error: unknown) =>
        // Not acknowledged: redelivered after the ack wait.
        this.options.logger.error({ err: error, consumer: this.durableName(handler) }, 'event handler crashed'),
      );
    }
  }

  private async deliver(handler: EventHandler, delivery: Delivery, parsed: CloudEvent | unknown): Promise<void> {
    const consumer = this.durableName(handler);
    const envelope: CloudEvent | null = parsed instanceof Error ? null : (parsed as CloudEvent);
    try {
      if (!envelope) throw parsed;
      const outcome = await this.process(handler, envelope);
      await delivery.ack();
      this.options.metrics?.handled(consumer, outcome, delivery.deliveryCount);
    } catch (error) {
      const permanent = error instanceof PoisonEventError || error instanceof MalformedEventError;
      const deliveries = error instanceof EventArrivedEarlyError ? this.maxEarlyDeliveries : this.maxDeliveries;
      if (!permanent && delivery.deliveryCount < deliveries) {
        const base = this.options.backoffMs ?? 500;
        const delay = Math.min(base * 2 ** (delivery.deliveryCount - 1), this.options.maxBackoffMs ?? 60_000);
        this.options.logger.warn(
          { err: error, consumer, eventId: envelope?.id, delivery: delivery.deliveryCount, retryInMs: delay },
          'event handling failed; will retry',
        );
        delivery.nak(delay);
        this.options.metrics?.handled(consumer, 'retried', delivery.deliveryCount);
        return;
      }
      const stored = await this.deadLetter(handler, delivery, envelope, error);
      await delivery.ack();
      this.options.metrics?.handled(consumer, stored ? 'dead_lettered' : 'duplicate', delivery.deliveryCount);
    }
  }

  /** Stores the dead letter; false when another delivery had applied the event meanwhile (nothing stored). */
  private async deadLetter(
    handler: EventHandler,
    delivery: Delivery,
    envelope: CloudEvent | null,
    error: unknown,
  ): Promise<boolean> {
    const consumer = this.durableName(handler);
    const message = error instanceof Error ? error.message : String(error);
    const stored = await detachedFork(this.options.orm).transactional(async (em) => {
      // The consumer is done with it until an operator replays it: delivered again (a lost ack,
      // a re-created durable starting from the stream's first event), it meets the inbox as a
      // duplicate instead of being handled behind the operator's back or dead-lettered twice.
      // The row written here is the dead letter's own, so a replay may delete it; if another
      // delivery applied the event meanwhile (its row is there), the event is done: no letter.
      if (envelope) {
        const recorded = await em.execute<unknown[]>(
          `insert into "inbox_events" ("consumer", "event_id", "processed_at") values (?, ?, now())
          on conflict do nothing returning 1`,
          [consumer, envelope.id],
        );
        if (recorded.length === 0) return false;
      }
      await em.insert(DeadLetterEntity, {
        id: randomUUID(),
        consumer,
        eventId: envelope?.id ?? null,
        stream: handler.contract.stream,
        subject: handler.contract.subject,
        envelope: Buffer.from(delivery.data).toString('utf8'),
        error: message.slice(0, 2_000),
        deliveries: delivery.deliveryCount,
        createdAt: new Date(),
        replayedAt: null,
      });
      return true;
    });
    if (!stored) return false;
    this.options.logger.error(
      {
        consumer,
        eventId: envelope?.id,
        correlationId: envelope?.correlationid,
        deliveries: delivery.deliveryCount,
        error: message,
      },
      'event moved to the dead-letter store',
    );
    return true;
  }
}

export class DeadLetterNotFoundError extends Error {
  constructor(id: string) {
    super(`No dead letter ${id}`);
  }
}

export class DeadLetterAlreadyReplayedError extends Error {
  constructor(id: string) {
    super(`Dead letter ${id} was already replayed`);
  }
}
