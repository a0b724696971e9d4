import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { DeliverDueEmails } from '../src/application/deliver-due-emails.use-case.js';
import { MikroOrmEmailQueue } from '../src/persistence/mikro-orm-email-queue.repository.js';
import { RecordingMailSender } from './support/recording-mail-sender.js';
import {
  eventually,
  handled,
  investor,
  producer,
  startTestNotifications,
  type TestNotifications,
} from './support/test-notifications.js';

interface EmailRow {
  status: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

// Three attempts at most, retries 50 ms then 100 ms apart; the catch-up poll is a minute
// away, so prompt emails show the dispatcher is woken after commits and at retry time.
describe('the email outbox (real PostgreSQL and JetStream, a recording MailSender)', () => {
  let app: TestNotifications;
  beforeAll(async () => {
    app = await startTestNotifications({ env: { EMAIL_MAX_ATTEMPTS: '3' } });
  });
  afterAll(async () => {
    await app.stop();
  });

  const late = async (issuerId: string) => {
    const cprId = randomUUID();
    const id = await app.publish(MarketplaceEvents.InstallmentLate, cprId, {
      cprId,
      issuerId,
      number: 1,
      dueDate: '2027-01-15T15:00:00.000Z',
    });
    await handled(app, 'notify-issuer-on-installment-late', id);
    return id;
  };
  const emailOf = async (eventId: string) =>
    (
      await app.sql<EmailRow>(
        `select e.status, e.attempts, e.last_error, e.sent_at from email_outbox e
           join notifications n on n.id = e.notification_id where n.event_id = ?`,
        [eventId],
      )
    )[0]!;

  it('hands each email to the sender exactly once, addressed by user id', async () => {
    const credited = [investor(), investor(), investor()];
    const distributionId = randomUUID();
    const id = await app.publish(WalletEvents.DistributionCredited, distributionId, {
      distributionId,
      paymentId: randomUUID(),
      cprId: randomUUID(),
      installmentNumber: 4,
      credits: credited.map((c, n) => ({ investorId: c.id, amount: `${(n + 1) * 1000}` })),
    });
    await handled(app, 'notify-investors-on-distribution-credited', id);
    await eventually(async () => credited.every((c) => app.mail.to(c.id).length > 0), 'three emails');
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
    for (const [n, c] of credited.entries()) {
      expect(app.mail.to(c.id)).toEqual([
        {
          userId: c.id,
          subject: 'Peerseed: Pagamento recebido',
          text: expect.stringContaining(`Você recebeu R$ ${n + 1}0,00 referentes à parcela 4`),
        },
      ]);
    }
    const rows = await app.sql<EmailRow>('select status, attempts from email_outbox where recipient_id in (?, ?, ?)', [
      ...credited.map((c) => c.id),
    ]);
    expect(rows).toEqual(Array(3).fill({ status: 'SENT', attempts: 1 }));
  });

  it('retries after the sender fails, then marks it SENT', async () => {
    const issuer = producer();
    app.mail.failNext(2);
    const id = await late(issuer.id);
    await eventually(async () => (await emailOf(id)).status === 'SENT', 'the email sent on the third attempt');
    expect(app.mail.to(issuer.id)).toHaveLength(1);
    expect(await emailOf(id)).toMatchObject({ status: 'SENT', attempts: 3, last_error: null });
  });

  it('gives up after EMAIL_MAX_ATTEMPTS, keeping the last error for operators', async () => {
    const issuer = producer();
    app.mail.failNext(3);
    const id = await late(issuer.id);
    await eventually(async () => (await emailOf(id)).status === 'FAILED', 'the email marked FAILED');
    expect(await emailOf(id)).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      last_error: 'SMTP server unavailable (test)',
      sent_at: null,
    });
    expect(app.mail.to(issuer.id)).toEqual([]);
  });

  it('announces a notification only once it is committed (visible to another connection)', async () => {
    const issuer = producer();
    const visible: Promise<boolean>[] = [];
    const stop = app.onNotificationStored((n) => {
      if (n.recipientId === issuer.id) {
        visible.push(app.sql('select 1 from notifications where id = ?', [n.id]).then((rows) => rows.length === 1));
      }
    });
    await late(issuer.id);
    await eventually(async () => visible.length === 1, 'the announcement');
    stop();
    expect(await Promise.all(visible)).toEqual([true]);
  });

  it('never lets two dispatchers (replicas) claim the same email (FOR UPDATE SKIP LOCKED)', async () => {
    const recipients: string[] = Array.from({ length: 60 }, () => randomUUID());
    for (const recipientId of recipients) {
      await app.sql(
        `insert into email_outbox (id, notification_id, recipient_id, subject, text, status, attempts, next_attempt_at, created_at)
         values (?, ?, ?, 'Peerseed: teste', 'texto', 'PENDING', 0, now(), now())`,
        [randomUUID(), randomUUID(), recipientId],
      );
    }
    const senders = [new RecordingMailSender(), new RecordingMailSender()];
    const policy = { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1_000, leaseMs: 60_000 };
    const replicas = senders.map(
      (sender) =>
        new DeliverDueEmails({
          queue: new MikroOrmEmailQueue(app.orm),
          sender,
          clock: { now: () => new Date() },
          policy,
        }),
    );
    // Both replicas drain the outbox at once, in small batches.
    await Promise.all(
      replicas.map(async (replica) => {
        while ((await replica.execute(5)).claimed > 0);
      }),
    );
    const handedOver = [...senders[0]!.sent, ...senders[1]!.sent, ...app.mail.sent].filter((m) =>
      recipients.includes(m.userId),
    );
    expect(handedOver).toHaveLength(recipients.length);
    expect(new Set(handedOver.map((m) => m.userId)).size).toBe(recipients.length);
    expect(senders.every((s) => s.sent.length > 0)).toBe(true);
  });
});
