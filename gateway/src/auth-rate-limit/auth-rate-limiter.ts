import { rateLimitKey } from './client-address.js';
import type { RateLimitStore } from './rate-limit-store.js';
import { tokenIntervalMs, type TokenBucketPolicy } from './token-bucket.js';

/** The limiter's answer; a refusal says when to retry, in whole seconds (Retry-After). */
export type AuthRateLimitDecision =
  | { allowed: true }
  | {
      allowed: false;
      retryAfterSeconds: number;
      /** More attempts in one request than the bucket ever holds: retrying the same request cannot pass. */
      overBurst: boolean;
    };

/**
 * Sign-in attempts (login, register, POST /oauth/token) per client address, before
 * they reach accounts: each one costs a scrypt hash or a database transaction there, and accounts
 * only counts per account, which does not stop one client trying a password on many accounts.
 */
export class AuthRateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    readonly policy: TokenBucketPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `attempts` to the client at `address` (its /64 for IPv6), all or none. */
  async take(address: string, attempts: number): Promise<AuthRateLimitDecision> {
    if (attempts > this.policy.burst) {
      // Never fits: charging nothing keeps the client's other attempts possible.
      return {
        allowed: false,
        retryAfterSeconds: this.seconds(this.policy.burst * tokenIntervalMs(this.policy)),
        overBurst: true,
      };
    }
    const decision = await this.store.take(rateLimitKey(address), attempts, this.now());
    return decision.allowed
      ? decision
      : { allowed: false, retryAfterSeconds: this.seconds(decision.retryAfterMs), overBurst: false };
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private seconds(ms: number): number {
    return Math.max(1, Math.ceil(ms / 1000));
  }
}
