import type { QueryResult } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { UNCOUNTED } from '../../persistence/database.js';
import { detachedFork } from '../../persistence/detached-fork.js';
import { STREAM_RETENTION_MS } from '../streams.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface EventTableRetention {
  /** Published outbox rows: once the broker has them (and its duplicate window is long past) they are history only. */
  outboxMs: number;
  /**
   * Inbox rows: a delivery can only come back while its event is in the stream, so twice
   * the stream's retention keeps every redelivery idempotent with room to spare.
   */
  inboxMs: number;
  /** Dead letters an operator replayed; the others are kept until someone looks at them. */
  replayedDeadLettersMs: number;
}

const DEFAULT_EVENT_TABLE_RETENTION: EventTableRetention = {
  outboxMs: STREAM_RETENTION_MS,
  inboxMs: 2 * STREAM_RETENTION_MS,
  replayedDeadLettersMs: 30 * DAY_MS,
};

/** Rows deleted per statement: short transactions, no long lock on a busy table. */
const BATCH = 5_000;

/** One batch per table, deleted by key as `markPublishedSql` explains (by `ctid` where the key is composite). */
export const PRUNE_STATEMENTS = [
  {
    table: 'outbox_events',
    retention: 'outboxMs',
    sql: `delete from ${UNCOUNTED} "outbox_events" where "id" = any(array(
            select "id" from "outbox_events" where "published_at" < now() - make_interval(secs => ?) limit ${BATCH}))`,
  },
  {
    table: 'inbox_events',
    retention: 'inboxMs',
    sql: `delete from ${UNCOUNTED} "inbox_events" where ctid = any(array(
            select ctid from "inbox_events" where "processed_at" < now() - make_interval(secs => ?) limit ${BATCH}))`,
  },
  {
    table: 'dead_letters',
    retention: 'replayedDeadLettersMs',
    sql: `delete from ${UNCOUNTED} "dead_letters" where "id" = any(array(
            select "id" from "dead_letters" where "replayed_at" < now() - make_interval(secs => ?) limit ${BATCH}))`,
  },
] as const;

/**
 * Deletes the event tables' rows nobody needs any more, so they do not grow forever (and
 * personal data a command carried, e.g. the contacts one, does not outlive its use):
 * published outbox rows, old inbox rows, replayed dead letters. Pending outbox rows and
 * dead letters not yet replayed are never touched. Any replica may run it: deletes of the
 * same rows by two replicas simply find them gone.
 */
export class EventTablePruner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly retention: EventTableRetention;

  constructor(
    private readonly options: {
      orm: MikroORM;
      logger: Logger;
      retention?: Partial<EventTableRetention>;
    },
  ) {
    this.retention = { ...DEFAULT_EVENT_TABLE_RETENTION, ...options.retention };
  }

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.prune()
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not prune the event tables'))
        .finally(() => (this.running = null));
    }, HOUR_MS); // the first run is an hour after start
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass: how many rows it deleted from each table. */
  async prune(): Promise<Record<(typeof PRUNE_STATEMENTS)[number]['table'], number>> {
    const deleted = { outbox_events: 0, inbox_events: 0, dead_letters: 0 };
    for (const statement of PRUNE_STATEMENTS) {
      const seconds = this.retention[statement.retention] / 1000;
      for (;;) {
        const result = await detachedFork(this.options.orm)
          .getConnection()
          .execute<QueryResult>(statement.sql, [seconds], 'run');
        const affected = result.affectedRows;
        deleted[statement.table] += affected;
        if (affected < BATCH) break;
      }
    }
    if (Object.values(deleted).some((n) => n > 0)) this.options.logger.info({ deleted }, 'event tables pruned');
    return deleted;
  }
}
