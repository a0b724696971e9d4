import { detachedFork, UNCOUNTED, type Em, type Orm } from '@peerseed/shared';
import type { ClaimedEmail, EmailQueue } from '../application/ports.js';
import { EmailEntity } from './entities.js';

/** The email outbox as the dispatcher sees it; each call is its own short transaction. */
export class MikroOrmEmailQueue implements EmailQueue {
  constructor(private readonly orm: Orm) {}

  // Detached: the dispatcher is woken from a notification's after-commit hook (detached-fork.ts).
  private em(): Em {
    return detachedFork(this.orm) as Em;
  }

  async claimDue(limit: number, now: Date, leaseUntil: Date): Promise<ClaimedEmail[]> {
    // Claim, count the attempt and lease in one statement: SKIP LOCKED keeps concurrent
    // dispatchers apart, and the lease (next_attempt_at) keeps a claimed row from being
    // claimed again after the statement commits, until the outcome is recorded or the lease ends.
    // Polling runs while idle too, so it is kept out of the SQL statement count. The claimed ids
    // are looked up by key (`= any(array(…))`), never hash-joined against a scan of the sent rows.
    const rows = await this.em().execute<
      { id: string; recipient_id: string; subject: string; text: string; attempts: number }[]
    >(
      `update ${UNCOUNTED} "email_outbox" set "attempts" = "attempts" + 1, "next_attempt_at" = ?
        where "id" = any(array(
          select "id" from "email_outbox" where "status" = 'PENDING' and "next_attempt_at" <= ?
           order by "next_attempt_at", "id" limit ? for update skip locked))
        returning "id", "recipient_id", "subject", "text", "attempts"`,
      [leaseUntil, now, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      recipientId: row.recipient_id,
      subject: row.subject,
      text: row.text,
      attempts: Number(row.attempts),
    }));
  }

  async nextDueAt(): Promise<Date | null> {
    const rows = await this.em().execute<{ due: Date | string | null }[]>(
      `select ${UNCOUNTED} min("next_attempt_at") as "due" from "email_outbox" where "status" = 'PENDING'`,
    );
    const due = rows[0]?.due;
    return due ? new Date(due) : null;
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.em().nativeUpdate(EmailEntity, { id }, { status: 'SENT', sentAt: at, lastError: null });
  }

  async markSkippedNoAddress(id: string): Promise<void> {
    await this.em().nativeUpdate(EmailEntity, { id }, { status: 'SKIPPED_NO_ADDRESS' });
  }

  async retryAt(id: string, at: Date, error: string): Promise<void> {
    await this.em().nativeUpdate(EmailEntity, { id }, { nextAttemptAt: at, lastError: error.slice(0, 500) });
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.em().nativeUpdate(EmailEntity, { id }, { status: 'FAILED', lastError: error.slice(0, 500) });
  }
}
