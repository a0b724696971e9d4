import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { AckLosingTransport } from '@peerseed/shared/testing';
import {
  eventually,
  investor,
  producer,
  startTestNotifications,
  type TestNotifications,
} from './support/test-notifications.js';

// Every event this subgraph consumes is delivered twice with the same id (the first ack is lost).
describe('a redelivered event makes no second notification and no second email (real PostgreSQL and JetStream)', () => {
  let app: TestNotifications;
  let transport!: AckLosingTransport;
  beforeAll(async () => {
    app = await startTestNotifications({ wrapTransport: (inner) => (transport = new AckLosingTransport(inner)) });
  });
  afterAll(async () => {
    await app.stop();
  });

  const redelivered = (eventId: string) =>
    eventually(async () => transport.redelivered.has(eventId), `redelivery of ${eventId}`);
  const count = async (query: string, params: unknown[]) => Number((await app.sql<{ n: string }>(query, params))[0]!.n);

  it('wallet.distribution.credited, twice', async () => {
    const [ana, bruno] = [investor(), investor()];
    const distributionId = randomUUID();
    const id = await app.publish(WalletEvents.DistributionCredited, distributionId, {
      distributionId,
      paymentId: randomUUID(),
      cprId: randomUUID(),
      installmentNumber: 1,
      credits: [
        { investorId: ana.id, amount: '30000' },
        { investorId: bruno.id, amount: '20000' },
      ],
    });
    await redelivered(id);
    expect(await count('select count(*) as n from notifications where event_id = ?', [id])).toBe(2);
    expect(
      await count(
        'select count(*) as n from email_outbox e join notifications n on n.id = e.notification_id where n.event_id = ?',
        [id],
      ),
    ).toBe(2);
    expect(
      await count(
        'select count(*) as n from outbox_events o join notifications n on n.id = o.id where n.event_id = ?',
        [id],
      ),
    ).toBe(2);
    await eventually(async () => app.mail.to(ana.id).length > 0 && app.mail.to(bruno.id).length > 0, 'emails');
    expect(app.mail.to(ana.id)).toHaveLength(1);
    expect(app.mail.to(bruno.id)).toHaveLength(1);
  });

  it('marketplace.cpr.disbursed, twice', async () => {
    const issuer = producer();
    const holder = investor();
    const cprId = randomUUID();
    const id = await app.publish(MarketplaceEvents.CprDisbursed, cprId, {
      cprId,
      issuerId: issuer.id,
      fundedAmount: '100000',
      holdings: [
        { investmentId: randomUUID(), investorId: holder.id, amount: '100000', investedAt: new Date().toISOString() },
      ],
      installments: [{ number: 1, dueDate: '2027-01-15T15:00:00.000Z', amount: '100000' }],
    });
    await redelivered(id);
    expect(await count('select count(*) as n from notifications where event_id = ?', [id])).toBe(2);
    await eventually(async () => app.mail.to(issuer.id).length > 0 && app.mail.to(holder.id).length > 0, 'emails');
    expect(app.mail.to(issuer.id)).toHaveLength(1);
    expect(app.mail.to(holder.id)).toHaveLength(1);
    expect(app.announced.filter((n) => n.eventId === id)).toHaveLength(2);
  });

  it('counts the redeliveries as duplicates at /metrics', async () => {
    const metrics = await (await fetch(new URL('/metrics', app.url))).text();
    for (const consumer of [
      'notify-investors-on-distribution-credited',
      'notify-issuer-and-holders-on-cpr-disbursed',
    ]) {
      expect(metrics).toMatch(
        new RegExp(
          `^peerseed_events_handled_total\\{[^}]*consumer="notifications-${consumer}"[^}]*outcome="duplicate"[^}]*\\} [1-9]`,
          'm',
        ),
      );
    }
    expect(metrics).toMatch(/^peerseed_sql_statements_total\{service="notifications"\} \d+/m);
  });
});
