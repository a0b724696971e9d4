import { describe, expect, it } from '@jest/globals';
import { testLogger } from '@peerseed/shared/testing';
import type { DeliveryReport } from '../application/deliver-due-emails.use-case.js';
import { EmailDispatcher } from './email-dispatcher.js';

const idle: DeliveryReport = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, nextDueAt: null, errors: [] };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A dispatcher over a fake pass that counts its calls and answers `next()` each time. */
function dispatcher(pollMs: number, next: () => DeliveryReport | Promise<DeliveryReport> = () => idle) {
  const calls: number[] = [];
  const d = new EmailDispatcher({
    deliver: async () => {
      calls.push(Date.now());
      return next();
    },
    logger: testLogger(),
    pollMs,
  });
  return { d, calls };
}

describe('EmailDispatcher', () => {
  it('runs a pass at start, then waits for the poll', async () => {
    const { d, calls } = dispatcher(60_000);
    d.start();
    await sleep(50);
    expect(calls).toHaveLength(1);
    await d.stop();
  });

  it('runs a pass at once when woken (after a commit)', async () => {
    const { d, calls } = dispatcher(60_000);
    d.start();
    await sleep(20);
    d.wake();
    await sleep(20);
    expect(calls).toHaveLength(2);
    await d.stop();
  });

  it('polls to catch up while idle', async () => {
    const { d, calls } = dispatcher(30);
    d.start();
    await sleep(150);
    await d.stop();
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it('comes back when the next email is due (a retry), not at the next poll', async () => {
    let first = true;
    const { d, calls } = dispatcher(60_000, () => {
      if (!first) return idle;
      first = false;
      return { ...idle, claimed: 1, retried: 1, nextDueAt: new Date(Date.now() + 40) };
    });
    d.start();
    await sleep(150);
    await d.stop();
    expect(calls).toHaveLength(2);
    expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(35);
  });

  it('never spins on an email that is due but not claimable (held by another replica)', async () => {
    const { d, calls } = dispatcher(60_000, () => ({ ...idle, nextDueAt: new Date(0) }));
    d.start();
    await sleep(200);
    await d.stop();
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.length).toBeLessThanOrEqual(9); // one pass per 25 ms at most
  });

  it('keeps going, with backoff, while the database fails', async () => {
    let failures = 2;
    const { d, calls } = dispatcher(60_000, () => {
      if (failures-- > 0) throw new Error('database down');
      return idle;
    });
    d.start();
    await sleep(1_200); // backoff: 200 ms, then 400 ms
    await d.stop();
    expect(calls).toHaveLength(3);
  });
});
