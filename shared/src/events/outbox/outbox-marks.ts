import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { UNCOUNTED } from '../../persistence/database.js';
import { detachedFork } from '../../persistence/detached-fork.js';
import { DEFERRED } from '../../persistence/deferred-statements.js';

/**
 * Marks outbox rows published, many per statement: the fast path's acknowledged events
 * collect while one UPDATE is in flight and go in the next one.
 *
 * `synchronous_commit = off` for these transactions only: a mark lost in a database crash
 * (at most ~3 × wal_writer_delay old) only makes the relay publish the event again, which
 * JetStream drops as a duplicate (same `Nats-Msg-Id` within the window) and the consumers'
 * inbox ignores after it. `SKIP LOCKED`: a row the relay holds is the relay's to mark.
 */
export class OutboxMarks {
  private pending: string[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly options: { orm: MikroORM; logger: Logger; maxPerStatement?: number }) {}

  add(id: string): void {
    this.pending.push(id);
    this.flushing ??= this.flushLoop();
  }

  /** Resolves once every mark added so far was written (or failed and was logged). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    // Acks arrive in bursts: let the rest of this burst join the first statement.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const ids = this.pending.splice(0, this.options.maxPerStatement ?? 1_000);
      try {
        await this.write(ids);
      } catch (error) {
        // Unmarked rows are republished by the relay and deduplicated downstream.
        this.options.logger.warn({ err: error, events: ids.length }, 'could not mark outbox events published');
      }
    }
    this.flushing = null;
  }

  private async write(ids: string[]): Promise<void> {
    await detachedFork(this.options.orm).transactional(async (tx) => {
      // Both ride with the COMMIT (deferred-statements.ts): one round trip per batch of marks.
      await tx.execute(`${DEFERRED} set local ${UNCOUNTED} synchronous_commit = off`);
      await tx.execute(
        `${DEFERRED} update ${UNCOUNTED} "outbox_events" set "published_at" = now() where "id" in (
           select "id" from "outbox_events" where "id" in (?) and "published_at" is null
              for update skip locked)`,
        [ids],
      );
    });
  }
}
