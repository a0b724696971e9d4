/**
 * `bench/distribution.ts`: one installment payment distributed among 100 and among
 * 10,000 investors, end to end — `wallet.payment.confirmed` published on JetStream →
 * the distribution subgraph's consumer splits it, writes the distribution, its lines
 * and `distribution.distribution.completed` to the outbox in one transaction → the relay
 * publishes the event. Prints the time to commit, the time until the event is received,
 * the SQL statements of the handling (`peerseed_sql_statements_total`, which must not
 * grow with the investors) and the event's size. Target (issue 5): under 2 s for 10,000.
 *
 * The holdings projection is seeded directly in SQL (marketplace's disbursement is not
 * what is measured). Real PostgreSQL and NATS (TEST_DATABASE_URL, TEST_NATS_URL), in a
 * database and namespace of its own. BENCH_RUNS payments per size (default 3; median shown).
 */
import { randomUUID } from 'node:crypto';
import { createEnvelope, DistributionEvents, JetStreamTransport, WalletEvents } from '@peerseed/shared';
import {
  createTestDatabase,
  deleteTestStreams,
  testLogger,
  testNamespace,
  testNatsUrl,
} from '@peerseed/shared/testing';
import { startDistribution } from '@peerseed/distribution/app';
import { loadDistributionConfig } from '@peerseed/distribution/config';
import { ms, summarize } from './stats.js';

const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const logger = testLogger();
const namespace = testNamespace('benchdist');
const db = createTestDatabase('bench_distribution');
const config = loadDistributionConfig({
  DATABASE_URL: db.serverUrl,
  PORT: '0',
  NODE_ENV: 'test',
  NATS_URL: testNatsUrl(),
  EVENTS_NAMESPACE: namespace,
  DISTRIBUTION_FEE_BPS: '50',
});
const app = await startDistribution({ config, logger, dbName: db.dbName });
const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
const now = () => performance.timeOrigin + performance.now();

// The wallet's side: when each distribution's event arrives, and how big it is.
const received = new Map<string, { at: number; bytes: number }>();
const listener = await transport.consume(
  {
    durable: 'bench-wallet',
    stream: 'DISTRIBUTION',
    subject: DistributionEvents.DistributionCompleted.subject,
    ackWaitMs: 30_000,
  },
  async (delivery) => {
    const envelope = JSON.parse(Buffer.from(delivery.data).toString('utf8')) as { data: { paymentId: string } };
    received.set(envelope.data.paymentId, { at: now(), bytes: delivery.data.length });
    await delivery.ack();
  },
);

const counter = async (name: string, labels: Record<string, string> = {}) => {
  const metric = app.events.metrics.registry.getSingleMetric(name);
  const values = metric ? (await metric.get()).values : [];
  return values
    .filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x))
    .reduce((s, v) => s + v.value, 0);
};
const handled = () =>
  counter('peerseed_events_handled_total', {
    consumer: 'distribution-distribute-on-payment-confirmed',
    outcome: 'applied',
  });
const statements = () => counter('peerseed_sql_statements_total');

/** A disbursed CPR with `investors` holdings, written straight into the projection. */
async function seedCpr(investors: number): Promise<{ cprId: string; issuerId: string }> {
  const cprId = randomUUID();
  const issuerId = randomUUID();
  const conn = app.orm.em.fork().getConnection();
  const amount = (i: number) => 1_000 + ((i * 7_919) % 500_000); // R$ 10.00 to R$ 5,010.00, uneven
  let funded = 0n;
  for (let i = 1; i <= investors; i++) funded += BigInt(amount(i));
  await conn.execute(`insert into cprs (id, issuer_id, funded_amount, disbursed_at) values (?, ?, ?, now())`, [
    cprId,
    issuerId,
    funded.toString(),
  ]);
  await conn.execute(
    `insert into holdings (cpr_id, investment_id, investor_id, amount, invested_at)
      select ?, gen_random_uuid(), gen_random_uuid(), 1000 + ((i * 7919) % 500000), now() - i * interval '1 minute'
        from generate_series(1, ?) as i`,
    [cprId, investors],
  );
  return { cprId, issuerId };
}

/** One payment end to end; the registry and the listener are polled, so the bench adds no SQL of its own. */
async function distributeOnce(cpr: { cprId: string; issuerId: string }, installmentNumber: number) {
  const paymentId = randomUUID();
  const data = {
    paymentId,
    cprId: cpr.cprId,
    issuerId: cpr.issuerId,
    installmentNumber,
    amount: '1234567', // R$ 12,345.67
    paidAt: new Date().toISOString(),
  };
  const id = randomUUID();
  const envelope = createEnvelope(WalletEvents.PaymentConfirmed.type, paymentId, data, {
    source: '/peerseed/bench',
    id,
  });
  const handledBefore = await handled();
  const statementsBefore = await statements();
  const started = now();
  await transport.publish('WALLET', WalletEvents.PaymentConfirmed.subject, id, Buffer.from(JSON.stringify(envelope)));
  while ((await handled()) === handledBefore) await new Promise((resolve) => setTimeout(resolve, 1));
  const committed = now() - started;
  const sql = (await statements()) - statementsBefore;
  while (!received.has(paymentId)) await new Promise((resolve) => setTimeout(resolve, 1));
  const event = received.get(paymentId)!;
  return { committed, announced: event.at - started, sql, bytes: event.bytes };
}

try {
  await distributeOnce(await seedCpr(10), 1); // warm-up: connections, JIT, consumer
  console.log(
    `\nOne installment payment distributed, through JetStream, real PostgreSQL; median of ${runs} (fee 0.5%)\n`,
  );
  console.log('  investors   published → committed   published → event received   SQL statements   event size');
  for (const investors of [100, 10_000]) {
    const cpr = await seedCpr(investors);
    const results = [];
    for (let n = 1; n <= runs; n++) results.push(await distributeOnce(cpr, n));
    const committed = summarize(results.map((r) => r.committed)).p50;
    const announced = summarize(results.map((r) => r.announced)).p50;
    const sql = [...new Set(results.map((r) => r.sql))].join('/');
    console.log(
      `  ${investors.toLocaleString('en').padStart(9)}   ${ms(committed).padStart(21)}   ${ms(announced).padStart(26)}   ${sql.padStart(14)}   ${(results[0]!.bytes / 1024).toFixed(0).padStart(7)} KB`,
    );
  }
  console.log('\n  target: 10,000 investors under 2 s; SQL statements the same for 100 and 10,000\n');
} finally {
  await listener.stop();
  await app.close();
  await transport.close();
  await db.drop();
  await deleteTestStreams(namespace);
}
