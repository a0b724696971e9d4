import type { Logger } from '@peerseed/shared';
import type { DeliveryReport } from '../application/deliver-due-emails.use-case.js';

export interface EmailDispatcherOptions {
  /** One pass: claim due emails, send them, record the outcomes. */
  deliver: (limit: number) => Promise<DeliveryReport>;
  logger: Logger;
  batchSize?: number;
  /**
   * The longest sleep while idle: a catch-up for what no wake-up announces (another
   * replica's commits). Fresh notifications do not wait for it (their commit wakes the
   * dispatcher), nor do retries and ended leases (it sleeps until the next one is due).
   */
  pollMs?: number;
}

// Never sleep 0: an email due now but held by another replica's claim must not spin the loop.
const MIN_WAIT_MS = 25;

/** The background loop that empties the email outbox (one per replica; SKIP LOCKED keeps them apart). */
export class EmailDispatcher {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private readonly batchSize: number;
  private readonly pollMs: number;

  constructor(private readonly options: EmailDispatcherOptions) {
    this.batchSize = options.batchSize ?? 20;
    this.pollMs = options.pollMs ?? 5_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Emails were committed: deliver now rather than when the next one is due. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      let report: DeliveryReport;
      try {
        report = await this.options.deliver(this.batchSize);
        failures = 0;
      } catch (error) {
        // The database is unreachable: the emails wait in the outbox; back off.
        failures += 1;
        if (failures === 1 || failures % 20 === 0) {
          this.options.logger.warn({ err: error, failures }, 'email dispatcher could not run; will retry');
        }
        await this.sleep(Math.min(100 * 2 ** Math.min(failures, 6), 5_000), false);
        continue;
      }
      for (const e of report.errors) this.options.logger.warn(e, 'email not sent; will retry or give up');
      if (report.claimed >= this.batchSize || this.woken) continue;
      await this.sleep(this.untilNextDue(report.nextDueAt), true);
    }
  }

  /** Until the next email is due, within [MIN_WAIT_MS, pollMs]. */
  private untilNextDue(nextDueAt: Date | null): number {
    if (!nextDueAt) return this.pollMs;
    return Math.min(Math.max(nextDueAt.getTime() - Date.now(), MIN_WAIT_MS), this.pollMs);
  }

  /** Waits `ms`; a wake-up cuts it short only when `wakeable` (a stop always does). */
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
