import { ThrottledWarning, type Logger } from '@peerseed/shared';
import type { RateLimitStore, StoreDecision } from './rate-limit-store.js';

/**
 * Redis first; while it fails, this replica's own buckets. Neither open nor closed (ADR 0004):
 * failing open would drop the limit exactly while Redis is down, failing closed would turn a
 * Redis outage into nobody being able to sign in. Counting per replica keeps a bound (the
 * limit times the replicas) at the cost of forgetting what Redis counted meanwhile.
 */
export class FailOverRateLimitStore implements RateLimitStore {
  private readonly warning: ThrottledWarning;

  constructor(
    private readonly shared: RateLimitStore,
    private readonly local: RateLimitStore,
    logger: Logger,
  ) {
    this.warning = new ThrottledWarning(logger, 'sign-in rate limit: Redis unavailable; counting in this replica only');
  }

  async take(key: string, cost: number, nowMs: number): Promise<StoreDecision> {
    try {
      return await this.shared.take(key, cost, nowMs);
    } catch (error) {
      this.warning.failed(error, {}, nowMs);
      return this.local.take(key, cost, nowMs);
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.shared.close(), this.local.close()]);
  }
}
