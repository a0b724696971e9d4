import type { Logger } from './logger.js';

/**
 * A warning about a failing dependency, logged at most once per `everyMs` with the count of failures so
 * far: one line per outage burst, not one per request, which under load would flood the logs with the same line.
 */
export class ThrottledWarning {
  private lastWarning = Number.NEGATIVE_INFINITY;
  private failures = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly everyMs = 30_000,
  ) {}

  /** Counts one failure and logs it (with `fields`) unless the last warning is more recent than `everyMs`. */
  failed(error: unknown, fields: Record<string, unknown> = {}, nowMs = Date.now()): void {
    this.failures += 1;
    if (nowMs - this.lastWarning < this.everyMs) return;
    this.lastWarning = nowMs;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ ...fields, failures: this.failures, reason }, this.message);
  }
}
