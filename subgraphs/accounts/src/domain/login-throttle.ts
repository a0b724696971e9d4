/** Settings of the per-account login throttle. */
export interface LoginThrottlePolicy {
  /** Failures allowed before the account is locked. */
  freeAttempts: number;
  /** Lock after the first locking failure; doubles with each further failure. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottlePolicy = {
  freeAttempts: 5,
  baseLockSeconds: 30,
  maxLockSeconds: 15 * 60,
};

/** Seconds the account stays locked after `failures` consecutive failures (0: not locked). */
export function lockSecondsAfter(failures: number, policy: LoginThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 20);
  return Math.min(policy.baseLockSeconds * 2 ** doublings, policy.maxLockSeconds);
}

/** Seconds left on a lock at `now`, rounded up (0: free to try). */
export function secondsLocked(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  return Math.max(0, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}
