import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { UNCOUNTED } from '../../persistence/database.js';
import { markPublishedSql } from './outbox-marks.js';
import type { EventTransport } from '../transport/event-transport.js';
import type { EventMetrics } from '../event-metrics.js';
import type { OutboxRow } from './appended-in-transaction.js';
import { detachedFork } from '../../persistence/detached-fork.js';

/**
 * Claims (and marks) up to `?` pending rows older than `graceMs`, skipping rows another
 * relay or a fast path holds, and returns them oldest first (rows of one millisecond by id),
 * the order they are published in. `RETURNING` follows the scan, hence the outer `order by`.
 */
export const claimPendingSql = (graceMs: number) =>
  `with "claimed" as (
     ${markPublishedSql(
       `"published_at" is null ${graceMs > 0 ? `and "created_at" < now() - interval '${graceMs} milliseconds'` : ''}
        order by "created_at", "id" limit ?`,
     )}
     returning "id", "stream", "subject", "envelope", "created_at")
   select "id", "stream", "subject", "envelope" from "claimed" order by "created_at", "id"`;

export interface OutboxRelayOptions {
  orm: MikroORM;
  transport: EventTransport;
  logger: Logger;
  metrics?: EventMetrics;
  batchSize?: number;
  /**
   * Catch-up poll while idle: picks up what another replica left behind or what was
   * committed while this one was down. Fresh commits do not wait for it: the unit of
   * work wakes the relay right after each commit.
   */
  idlePollMs?: number;
  /**
   * The committing processes publish their own events right after commit (`OutboxFastPath`):
   * the relay is then only the safety net. `wake()` does nothing, and it claims only rows
   * older than `graceMs` (what a fast path failed to publish or a crashed process left
   * behind), so it does not race the fast path over fresh rows.
   */
  fastPath?: boolean;
  /** With `fastPath`: how old a pending row must be before the relay takes it over (default 1 s). */
  graceMs?: number;
}

/**
 * Publishes committed outbox events with `Nats-Msg-Id` = event id and marks them sent
 * only after the server's ack. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any
 * number of replicas can run relays without publishing an event twice.
 */
export class OutboxRelay {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  /** The claim statement, fixed by the grace: built once, not at every poll. */
  private readonly claimSql: string;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.idlePollMs = options.idlePollMs ?? 2_000;
    this.claimSql = claimPendingSql(options.fastPath ? Math.max(0, Math.floor(options.graceMs ?? 1_000)) : 0);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was committed: publish now rather than at the next poll. */
  wake(): void {
    if (this.options.fastPath) return; // the fast path is publishing it
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  /** Publishes one batch; returns how many events were published. */
  async publishBatch(): Promise<number> {
    const em = detachedFork(this.options.orm);
    // Failures are recorded in the same transaction as the successes, then reported after commit.
    const outcome = await em.transactional(async (tx): Promise<{ sent: number; failure?: string }> => {
      // A lost mark only republishes (deduplicated by JetStream, then by the inbox): no need to wait for the disk.
      await tx.execute(`set local ${UNCOUNTED} synchronous_commit = off`);
      // Claim and mark in one statement; if publishing fails, the marks of the failed rows are undone below.
      const rows = await tx.execute<OutboxRow[]>(this.claimSql, [this.batchSize]);
      if (rows.length === 0) return { sent: 0 };
      const results = await Promise.allSettled(
        rows.map((row) => this.options.transport.publish(row.stream, row.subject, row.id, Buffer.from(row.envelope))),
      );
      const failed = rows.filter((_, i) => results[i]!.status === 'rejected');
      for (const [i, row] of rows.entries())
        if (results[i]!.status === 'fulfilled') this.options.metrics?.published(row.stream);
      if (failed.length === 0) return { sent: rows.length };
      const reason = String((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason);
      await tx.execute(
        `update "outbox_events" set "published_at" = null, "attempts" = "attempts" + 1, "last_error" = ? where "id" in (?)`,
        [reason.slice(0, 500), failed.map((row) => row.id)],
      );
      return { sent: rows.length - failed.length, failure: reason };
    });
    if (outcome.failure) throw new RelayPublishError(outcome.failure, outcome.sent);
    return outcome.sent;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let published: number;
      try {
        published = await this.publishBatch();
        failures = 0;
      } catch (error) {
        failures += 1;
        // The broker is down or slow: events stay in the outbox; retry with backoff.
        if (failures === 1 || failures % 20 === 0) {
          this.options.logger.warn({ err: error, failures }, 'outbox relay could not publish; will retry');
        }
        await this.sleep(Math.min(100 * 2 ** Math.min(failures, 6), 5_000), false);
        continue;
      }
      if (published >= this.batchSize || this.woken) continue;
      await this.sleep(this.idlePollMs, true);
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = wakeable ? done : () => (this.running ? undefined : done());
    });
  }
}

/** Some events of a batch could not be published (the others were, and are marked sent). */
export class RelayPublishError extends Error {
  constructor(
    reason: string,
    readonly published: number,
  ) {
    super(`could not publish outbox events: ${reason}`);
  }
}
