import type { Logger } from '@peerseed/shared';
import type { RateLimitStore, StoreDecision } from './rate-limit-store.js';

// One warning per outage burst, not one per sign-in attempt.
const WARN_EVERY_MS = 30_000;

/**
 * Redis first; while it fails, this replica's own buckets. Neither open nor closed (ADR 0004):
 * failing open would drop the limit exactly while Redis is down, failing closed would turn a
 * Redis outage into nobody being able to sign in. Counting per replica keeps a bound (the
 * limit times the replicas) at the cost of forgetting what Redis counted meanwhile.
 */
export class FailOverRateLimitStore implements RateLimitStore {
  private lastWarning = Number.NEGATIVE_INFINITY;
  private failures = 0;

  constructor(
    private readonly shared: RateLimitStore,
    private readonly local: RateLimitStore,
    private readonly logger: Logger,
  ) {}

  async take(key: string, cost: number, nowMs: number): Promise<StoreDecision> {
    try {
      return await this.shared.take(key, cost, nowMs);
    } catch (error) {
      this.warn(error, nowMs);
      return this.local.take(key, cost, nowMs);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.shared.close(), this.local.close()]);
  }

  private warn(error: unknown, nowMs: number): void {
    this.failures += 1;
    if (nowMs - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = nowMs;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(
      { failures: this.failures, reason },
      'sign-in rate limit: Redis unavailable; counting in this replica only',
    );
  }
}
