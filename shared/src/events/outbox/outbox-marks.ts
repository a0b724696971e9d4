import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { UNCOUNTED } from '../../persistence/database.js';
import { detachedFork } from '../../persistence/detached-fork.js';
import { DEFERRED } from '../../persistence/deferred-statements.js';

/**
 * Marks published the pending rows that `selection` picks (a `where` clause, with any order and
 * limit), skipping rows another transaction holds. The rows are found by key: `= any(array(…))`
 * makes the locked ids a value the outer statement looks up in the primary key, where
 * `in (select …)` let the planner hash-join them against a scan of the whole table — every
 * published row of the retention period, at every batch. The relay's claim is the same statement.
 */
export const markPublishedSql = (selection: string) =>
  `update ${UNCOUNTED} "outbox_events" set "published_at" = now() where "id" = any(array(
   select "id" from "outbox_events" where ${selection} for update skip locked))`;

/** Marks the given pending rows published, skipping those the relay holds. */
export const MARK_PUBLISHED_SQL = markPublishedSql(`"id" in (?) and "published_at" is null`);

/**
 * Marks outbox rows published, many per statement: the fast path's acknowledged events
 * collect for up to `delayMs` (250 ms, or until `maxPerStatement` are waiting) and go in
 * one UPDATE. Nothing waits for a mark but the relay, which leaves a pending row alone for
 * a second (its grace), so the delay costs nothing; what it saves is a transaction (two
 * messages and a PostgreSQL wake-up, CPU that the events' own path waits for on a small
 * machine) per event when events come one at a time.
 *
 * `synchronous_commit = off` for these transactions only: a mark lost in a database crash
 * (at most ~3 × wal_writer_delay old) only makes the relay publish the event again, which
 * JetStream drops as a duplicate (same `Nats-Msg-Id` within the window) and the consumers'
 * inbox ignores after it. `SKIP LOCKED`: a row the relay holds is the relay's to mark.
 */
export class OutboxMarks {
  private pending: string[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly delayMs: number;
  private readonly maxPerStatement: number;

  constructor(private readonly options: { orm: MikroORM; logger: Logger; delayMs?: number; maxPerStatement?: number }) {
    this.delayMs = options.delayMs ?? 250;
    this.maxPerStatement = options.maxPerStatement ?? 1_000;
  }

  add(id: string): void {
    this.pending.push(id);
    if (this.flushing) return; // the write under way schedules what comes meanwhile
    if (this.pending.length >= this.maxPerStatement) this.startNow();
    else this.timer ??= setTimeout(() => this.startNow(), this.delayMs);
  }

  /** Writes every mark added so far now (no delay); resolves once written (or failed and logged). */
  async flush(): Promise<void> {
    for (;;) {
      if (this.pending.length > 0) this.startNow();
      if (!this.flushing) return;
      await this.flushing;
    }
  }

  private startNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.flushing ??= this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    // Full statements go at once; a partial one waits for the delay, for more acks to join it.
    do {
      const ids = this.pending.splice(0, this.maxPerStatement);
      try {
        await this.write(ids);
      } catch (error) {
        // Unmarked rows are republished by the relay and deduplicated downstream.
        this.options.logger.warn({ err: error, events: ids.length }, 'could not mark outbox events published');
      }
    } while (this.pending.length >= this.maxPerStatement);
    this.flushing = null;
    if (this.pending.length > 0) this.timer ??= setTimeout(() => this.startNow(), this.delayMs);
  }

  private async write(ids: string[]): Promise<void> {
    await detachedFork(this.options.orm).transactional(async (tx) => {
      // Both ride with the COMMIT (deferred-statements.ts): one round trip per batch of marks.
      await tx.execute(`${DEFERRED} set local ${UNCOUNTED} synchronous_commit = off`);
      await tx.execute(`${DEFERRED} ${MARK_PUBLISHED_SQL}`, [ids]);
    });
  }
}
