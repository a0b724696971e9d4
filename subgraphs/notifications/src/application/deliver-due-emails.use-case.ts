import type { ClaimedEmail, Clock, EmailQueue, MailSender } from './ports.js';

/** How the dispatcher retries: exponential backoff, then FAILED. */
export interface EmailRetryPolicy {
  /** Attempts before an email is marked FAILED. */
  maxAttempts: number;
  /** Delay after the first failure; doubles with each further one, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claimed email stays with its dispatcher (must outlast a send, timeouts included). */
  leaseMs: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /** When the next PENDING email is due after this pass (null: none is pending). */
  nextDueAt: Date | null;
  /** Why attempts failed, for the dispatcher's log. */
  errors: { emailId: string; attempts: number; error: string }[];
}

export const retryDelayMs = (policy: EmailRetryPolicy, attempts: number): number =>
  Math.min(policy.baseDelayMs * 2 ** Math.max(attempts - 1, 0), policy.maxDelayMs);

/**
 * One pass of the email dispatcher: claim the due emails, hand each to the sender, and
 * record what happened. Delivery is at least once: an email whose sender succeeded but
 * whose SENT mark was lost (crash) is sent again when its lease ends.
 */
export class DeliverDueEmails {
  constructor(
    private readonly deps: { queue: EmailQueue; sender: MailSender; clock: Clock; policy: EmailRetryPolicy },
  ) {}

  async execute(limit: number): Promise<DeliveryReport> {
    const { queue, clock, policy } = this.deps;
    const now = clock.now();
    const claimed = await queue.claimDue(limit, now, new Date(now.getTime() + policy.leaseMs));
    const report: DeliveryReport = {
      claimed: claimed.length,
      sent: 0,
      skipped: 0,
      retried: 0,
      failed: 0,
      nextDueAt: null,
      errors: [],
    };
    await Promise.all(claimed.map((email) => this.deliver(email, report)));
    report.nextDueAt = await queue.nextDueAt();
    return report;
  }

  private async deliver(email: ClaimedEmail, report: DeliveryReport): Promise<void> {
    const { queue, sender, clock, policy } = this.deps;
    let outcome;
    try {
      outcome = await sender.send({ userId: email.recipientId, subject: email.subject, text: email.text });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      report.errors.push({ emailId: email.id, attempts: email.attempts, error: message });
      if (email.attempts >= policy.maxAttempts) {
        await queue.markFailed(email.id, message);
        report.failed += 1;
      } else {
        await queue.retryAt(email.id, new Date(clock.now().getTime() + retryDelayMs(policy, email.attempts)), message);
        report.retried += 1;
      }
      return;
    }
    if (outcome === 'NO_ADDRESS') {
      await queue.markSkippedNoAddress(email.id);
      report.skipped += 1;
    } else {
      await queue.markSent(email.id, clock.now());
      report.sent += 1;
    }
  }
}
