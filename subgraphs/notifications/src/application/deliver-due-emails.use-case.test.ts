import { describe, expect, it } from '@jest/globals';
import { InMemoryEmailQueue, ManualClock, uuid } from '../../test/fakes/in-memory-notifications.js';
import { DeliverDueEmails, retryDelayMs, type EmailRetryPolicy } from './deliver-due-emails.use-case.js';
import type { Mail, MailOutcome, MailSender, OutgoingEmail } from './ports.js';

const policy: EmailRetryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 3_000, leaseMs: 60_000 };

const pending = (n: number, now: Date): OutgoingEmail => ({
  id: uuid(n),
  notificationId: uuid(100 + n),
  recipientId: uuid(200 + n),
  subject: `s${n}`,
  text: `t${n}`,
  status: 'PENDING',
  attempts: 0,
  nextAttemptAt: now,
  lastError: null,
  createdAt: now,
  sentAt: null,
});

/** Answers with `outcomes` in turn ('throw' fails the attempt), then SENT. */
class ScriptedSender implements MailSender {
  readonly mails: Mail[] = [];
  constructor(private readonly outcomes: (MailOutcome | 'throw')[] = []) {}
  async send(mail: Mail): Promise<MailOutcome> {
    this.mails.push(mail);
    const next = this.outcomes.shift() ?? 'SENT';
    if (next === 'throw') throw new Error('connection refused');
    return next;
  }
}

function fixture(outcomes: (MailOutcome | 'throw')[] = [], count = 1) {
  const clock = new ManualClock();
  const queue = new InMemoryEmailQueue(Array.from({ length: count }, (_, i) => pending(i + 1, clock.now())));
  const sender = new ScriptedSender(outcomes);
  return { clock, queue, sender, deliver: new DeliverDueEmails({ queue, sender, clock, policy }) };
}

describe('DeliverDueEmails', () => {
  it('hands each due email to the sender by user id and marks it SENT', async () => {
    const { queue, sender, deliver } = fixture([], 2);
    const report = await deliver.execute(10);
    expect(report).toMatchObject({ claimed: 2, sent: 2, retried: 0, failed: 0 });
    expect(sender.mails).toEqual([
      { userId: uuid(201), subject: 's1', text: 't1' },
      { userId: uuid(202), subject: 's2', text: 't2' },
    ]);
    expect(queue.emails.map((e) => [e.status, e.attempts])).toEqual([
      ['SENT', 1],
      ['SENT', 1],
    ]);
    expect((await deliver.execute(10)).claimed).toBe(0);
  });

  it('retries a failed attempt with exponential backoff, then gives up as FAILED', async () => {
    const { clock, queue, deliver } = fixture(['throw', 'throw', 'throw']);
    const retryAt = (ms: number) => new Date(clock.now().getTime() + ms);
    expect(await deliver.execute(10)).toMatchObject({ retried: 1, nextDueAt: retryAt(1_000) });
    expect((await deliver.execute(10)).claimed).toBe(0); // not due yet
    clock.advance(1_000);
    expect(await deliver.execute(10)).toMatchObject({ retried: 1, nextDueAt: retryAt(2_000) });
    clock.advance(2_000);
    expect(await deliver.execute(10)).toMatchObject({ failed: 1, nextDueAt: null });
    expect(queue.emails[0]).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'connection refused' });
  });

  it('succeeds on a retry', async () => {
    const { clock, queue, deliver } = fixture(['throw']);
    await deliver.execute(10);
    clock.advance(1_000);
    expect(await deliver.execute(10)).toMatchObject({ sent: 1 });
    expect(queue.emails[0]).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('skips, without retrying, an email whose recipient has no address', async () => {
    const { queue, deliver } = fixture(['NO_ADDRESS']);
    expect(await deliver.execute(10)).toMatchObject({ skipped: 1 });
    expect(queue.emails[0]!.status).toBe('SKIPPED_NO_ADDRESS');
  });

  it('leases what it claims: another pass does not take it before the lease ends', async () => {
    const { clock, queue } = fixture();
    await queue.claimDue(10, clock.now(), new Date(clock.now().getTime() + policy.leaseMs));
    expect(await queue.claimDue(10, clock.now(), clock.now())).toEqual([]);
    clock.advance(policy.leaseMs);
    expect(await queue.claimDue(10, clock.now(), clock.now())).toHaveLength(1);
  });

  it('caps the backoff', () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelayMs(policy, n))).toEqual([1_000, 2_000, 3_000, 3_000, 3_000]);
  });
});
