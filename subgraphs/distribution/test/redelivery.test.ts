import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { AckLosingTransport } from '@peerseed/shared/testing';
import { paymentConfirmed, testCpr } from './support/cpr-events.js';
import { eventually, startTestDistribution, type TestDistribution } from './support/test-distribution.js';

// Every event this subgraph consumes is delivered twice with the same id (the first ack is lost).
describe('redelivered events have no second effect (real PostgreSQL and JetStream)', () => {
  let app: TestDistribution;
  let transport!: AckLosingTransport;
  beforeAll(async () => {
    app = await startTestDistribution({ wrapTransport: (inner) => (transport = new AckLosingTransport(inner)) });
  });
  afterAll(async () => {
    await app.stop();
  });

  const redelivered = (eventId: string) =>
    eventually(async () => transport.redelivered.has(eventId), `redelivery of ${eventId}`);
  const count = async (query: string, params: unknown[]) => Number((await app.sql<{ n: string }>(query, params))[0]!.n);

  it('marketplace.cpr.disbursed, then wallet.payment.confirmed: one projection, one distribution, one event', async () => {
    const cpr = testCpr([30_000n, 30_000n, 40_000n]);
    const disbursed = await app.publish(MarketplaceEvents.CprDisbursed, cpr.cprId, cpr.disbursed);
    await redelivered(disbursed);
    expect(await count('select count(*) as n from holdings where cpr_id = ?', [cpr.cprId])).toBe(3);

    const payment = paymentConfirmed(cpr, 33_334n);
    const confirmed = await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
    await redelivered(confirmed);
    await eventually(async () => app.completed.some((e) => e.data.paymentId === payment.paymentId), 'the event');
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a wrong second one to arrive
    expect(await count('select count(*) as n from distributions where payment_id = ?', [payment.paymentId])).toBe(1);
    const events = app.completed.filter((e) => e.data.paymentId === payment.paymentId);
    expect(events).toHaveLength(1);
    // 33,334 × 30/30/40 % = 10,000.2 / 10,000.2 / 13,333.6: the 0.6 takes the odd centavo.
    expect(events[0]!.data.lines.map((l) => l.amount)).toEqual(['10000', '10000', '13334']);
  });

  it('counts the redeliveries as duplicates at /metrics', async () => {
    const metrics = await (await fetch(new URL('/metrics', app.url))).text();
    for (const consumer of ['record-holdings-on-cpr-disbursed', 'distribute-on-payment-confirmed']) {
      expect(metrics).toMatch(
        new RegExp(
          `^peerseed_events_handled_total\\{[^}]*consumer="distribution-${consumer}"[^}]*outcome="duplicate"[^}]*\\} [1-9]`,
          'm',
        ),
      );
    }
    expect(metrics).toMatch(/^peerseed_sql_statements_total\{service="distribution"\} \d+/m);
  });
});
