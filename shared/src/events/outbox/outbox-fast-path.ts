import type { EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { EventMetrics } from '../event-metrics.js';
import type { EventTransport } from '../transport/event-transport.js';
import { takeAppended, type OutboxRow } from './appended-in-transaction.js';
import { OutboxMarks } from './outbox-marks.js';

export interface OutboxFastPathOptions {
  orm: MikroORM;
  transport: EventTransport;
  logger: Logger;
  metrics?: EventMetrics;
}

/**
 * Publishes a transaction's outbox events right after it commits, from the process that
 * committed it, with `Nats-Msg-Id` = event id, and marks them sent once the broker
 * acknowledged them (marks batched by `OutboxMarks`). Nothing waits for it: the commit
 * returns at once. Whatever it does not get through (broker down, process crash before the
 * publish or the mark) stays pending for the relay, which is the safety net; an event both
 * publish is stored once (JetStream dedup). Events are sent in commit order, and within a
 * transaction in the order they were written, as the relay does.
 */
export class OutboxFastPath implements EventSubscriber {
  private stopped = false;
  /** Committed rows waiting for the end of this turn of the event loop. */
  private queued: OutboxRow[] = [];
  private flushTimer: NodeJS.Immediate | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private failures = 0;
  private readonly marks: OutboxMarks;

  constructor(private readonly options: OutboxFastPathOptions) {
    this.marks = new OutboxMarks({ orm: options.orm, logger: options.logger });
  }

  /** Hooks into every transaction of `orm` (once, at start: transaction forks copy the subscribers). */
  static start(options: OutboxFastPathOptions): OutboxFastPath {
    const fastPath = new OutboxFastPath(options);
    options.orm.em.getEventManager().registerSubscriber(fastPath);
    return fastPath;
  }

  afterTransactionCommit(args: TransactionEventArgs): void {
    if (this.stopped) return; // (another backbone on this ORM may still take them)
    const rows = takeAppended(args.transaction);
    if (rows.length === 0) return;
    // The commits that complete in this turn of the event loop go out together: one socket write, not one each.
    this.queued.push(...rows);
    this.flushTimer ??= setImmediate(() => this.flush());
  }

  /** Stops taking new commits and waits for the publishes and marks under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flush();
    }
    await Promise.all(this.inFlight);
    await this.marks.flush();
  }

  private flush(): void {
    this.flushTimer = null;
    const rows = this.queued;
    this.queued = [];
    // Started one after another without awaiting: the client writes them in this order and pipelines the acks.
    for (const row of rows) {
      const published: Promise<void> = this.options.transport
        .publish(row.stream, row.subject, row.id, Buffer.from(row.envelope))
        .then(
          () => {
            this.failures = 0;
            this.options.metrics?.published(row.stream);
            this.marks.add(row.id);
          },
          (error: unknown) => {
            this.failures += 1;
            if (this.failures === 1 || this.failures % 100 === 0)
              this.options.logger.warn(
                { err: error, failures: this.failures },
                'could not publish an event right after commit; the outbox relay will',
              );
          },
        )
        .finally(() => this.inFlight.delete(published));
      this.inFlight.add(published);
    }
  }
}
