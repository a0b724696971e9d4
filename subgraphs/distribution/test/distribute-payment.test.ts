import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { paymentConfirmed, testCpr, type TestCpr } from './support/cpr-events.js';
import { admin, eventually, startTestDistribution, type TestDistribution } from './support/test-distribution.js';

const HANDLER = 'distribution-distribute-on-payment-confirmed';

// A 1.5% distribution fee in this file (DISTRIBUTION_FEE_BPS=150).
describe('payments are distributed among the holders (real PostgreSQL and JetStream)', () => {
  let app: TestDistribution;
  beforeAll(async () => {
    app = await startTestDistribution({ env: { DISTRIBUTION_FEE_BPS: '150' } });
  });
  afterAll(async () => {
    await app.stop();
  });

  const disburse = async (cpr: TestCpr) => {
    await app.publish(MarketplaceEvents.CprDisbursed, cpr.cprId, cpr.disbursed);
    await eventually(
      async () => (await app.sql('select 1 from cprs where id = ?', [cpr.cprId])).length === 1,
      'the disbursement',
    );
  };
  const distributionsOf = (paymentId: string) =>
    app.sql<{ id: string; total: string; fee: string }>(
      'select id, total, fee from distributions where payment_id = ?',
      [paymentId],
    );
  const announced = (paymentId: string) => app.completed.filter((e) => e.data.paymentId === paymentId);

  it('splits a payment exactly, ties to the earlier investment, and announces it through the outbox', async () => {
    // Ana invests R$ 100 (first), Bruno R$ 200, Carla R$ 100, Ana R$ 100 more: Ana and Bruno hold 40% each.
    const cpr = testCpr([10_000n, 20_000n, 10_000n, 10_000n], { 3: 0 });
    const [ana, bruno, carla] = cpr.holders.map((h) => h.who);
    await disburse(cpr);
    // R$ 10.04: fee 1.5% = 15.06 → 15; 989 split 40:40:20 = 395.6 / 395.6 / 197.8: floors 987,
    // one centavo to Carla (0.8), the other to Ana over Bruno (0.6 each; Ana invested first).
    const payment = paymentConfirmed(cpr, 1_004n);
    await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
    await eventually(async () => announced(payment.paymentId).length === 1, 'distribution.distribution.completed');

    const [event] = announced(payment.paymentId);
    const [stored] = await distributionsOf(payment.paymentId);
    expect(event!.subject).toBe(stored!.id);
    expect(event!.data).toEqual({
      distributionId: stored!.id,
      paymentId: payment.paymentId,
      cprId: cpr.cprId,
      installmentNumber: 1,
      total: '1004',
      fee: '15',
      lines: [
        { investorId: ana!.id, amount: '396' },
        { investorId: bruno!.id, amount: '395' },
        { investorId: carla!.id, amount: '198' },
      ],
    });
    const seen = await app.graphql(
      `query ($id: ID!) { distribution(id: $id) { id payment { id } cpr { id } total { amount currency } fee { amount }
        lines { investor { id } amount { amount } } createdAt } }`,
      { id: stored!.id },
      admin(),
    );
    expect(seen.data.distribution).toMatchObject({
      id: stored!.id,
      payment: { id: payment.paymentId },
      cpr: { id: cpr.cprId },
      total: { amount: '10.04', currency: 'BRL' },
      fee: { amount: '0.15' },
      lines: [
        { investor: { id: ana!.id }, amount: { amount: '3.96' } },
        { investor: { id: bruno!.id }, amount: { amount: '3.95' } },
        { investor: { id: carla!.id }, amount: { amount: '1.98' } },
      ],
    });
  });

  it('distributes a payment once, even when it is announced again under a new event id', async () => {
    const cpr = testCpr();
    await disburse(cpr);
    const payment = paymentConfirmed(cpr, 50_000n);
    const first = await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
    const second = await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
    await eventually(async () => {
      const rows = await app.sql(`select 1 from inbox_events where consumer = ? and event_id in (?, ?)`, [
        HANDLER,
        first,
        second,
      ]);
      return rows.length === 2;
    }, 'both events to be handled');
    await eventually(async () => announced(payment.paymentId).length === 1, 'the announcement');
    await new Promise((resolve) => setTimeout(resolve, 300)); // time for a wrong second one to arrive
    expect(await distributionsOf(payment.paymentId)).toHaveLength(1);
    expect(announced(payment.paymentId)).toHaveLength(1);
  });

  it('retries a payment that overtakes its disbursement, then distributes it once the holdings arrive', async () => {
    const cpr = testCpr([25_000n, 75_000n]);
    const payment = paymentConfirmed(cpr, 10_000n);
    const retriedBefore = await app.metric('peerseed_events_handled_total', { consumer: HANDLER, outcome: 'retried' });
    await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
    await eventually(
      async () =>
        (await app.metric('peerseed_events_handled_total', { consumer: HANDLER, outcome: 'retried' })) > retriedBefore,
      'a retry',
    );
    expect(await distributionsOf(payment.paymentId)).toHaveLength(0);
    await disburse(cpr);
    await eventually(async () => announced(payment.paymentId).length === 1, 'the distribution after the retry');
    expect(announced(payment.paymentId)[0]!.data.lines.map((l) => l.amount)).toEqual(['2463', '7387']); // fee 150; 2,462.5 each way, the tie to the earlier
    expect(await distributionsOf(payment.paymentId)).toHaveLength(1);
    expect(await app.sql('select 1 from dead_letters')).toHaveLength(0);
  });

  it('writes a distribution among many investors in as many statements as among a few', async () => {
    // Waits on the registry only: a query of the test's own would be counted too.
    const applied = (consumer: string) =>
      app.metric('peerseed_events_handled_total', { consumer: `distribution-${consumer}`, outcome: 'applied' });
    const statements = () => app.metric('peerseed_sql_statements_total');
    const handledOnce = async (consumer: string, before: number) => {
      const deadline = Date.now() + 15_000;
      while ((await applied(consumer)) === before && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    const counted = async (holders: number) => {
      const cpr = testCpr(Array.from({ length: holders }, (_, i) => BigInt(1_000 + (i % 97))));
      const disbursements = await applied('record-holdings-on-cpr-disbursed');
      const atStart = await statements();
      await app.publish(MarketplaceEvents.CprDisbursed, cpr.cprId, cpr.disbursed);
      await handledOnce('record-holdings-on-cpr-disbursed', disbursements);
      const payments = await applied('distribute-on-payment-confirmed');
      const afterDisbursement = await statements();
      const payment = paymentConfirmed(cpr, 987_654n);
      await app.publish(WalletEvents.PaymentConfirmed, payment.paymentId, payment);
      await handledOnce('distribute-on-payment-confirmed', payments);
      const atEnd = await statements();
      await eventually(async () => announced(payment.paymentId).length === 1, 'the announcement');
      expect(announced(payment.paymentId)[0]!.data.lines).toHaveLength(holders);
      return { disbursement: afterDisbursement - atStart, payment: atEnd - afterDisbursement };
    };
    const few = await counted(10);
    const many = await counted(2_000);
    expect(many).toEqual(few);
    expect(few.payment).toBeLessThanOrEqual(12);
  });
});
