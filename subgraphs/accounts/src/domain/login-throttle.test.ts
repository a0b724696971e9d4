import { describe, expect, it } from '@jest/globals';
import { DEFAULT_LOGIN_THROTTLE, lockSecondsAfter, secondsLocked } from './login-throttle.js';

describe('login throttle', () => {
  it('allows the free attempts, then doubles the lock up to the cap', () => {
    const locks = Array.from({ length: 12 }, (_, i) => lockSecondsAfter(i + 1, DEFAULT_LOGIN_THROTTLE));
    expect(locks).toEqual([0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('counts the seconds left on a lock, rounding up', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    expect(secondsLocked(null, now)).toBe(0);
    expect(secondsLocked(new Date(now.getTime() + 1500), now)).toBe(2);
    expect(secondsLocked(new Date(now.getTime() - 1), now)).toBe(0);
  });
});
