/**
 * The consuming side of `bench/events.ts`, in its own process as a consuming service
 * would be: the outbox events' handler (effect + inbox in one transaction) and a bare
 * JetStream consumer. Reports when each event was handled (epoch ms) to the parent.
 */
import {
  EventConsumers,
  eventEntities,
  EventTablesMigration,
  JetStreamTransport,
  openDatabase,
} from '@peerseed/shared';
import { testLogger, testNatsUrl } from '@peerseed/shared/testing';
import { countingHandler } from '../shared/test/support/events-fixture.js';

const logger = testLogger();
const now = () => performance.timeOrigin + performance.now();
const orm = await openDatabase({
  service: 'events',
  databaseUrl: process.env['BENCH_DB_URL']!,
  dbName: process.env['BENCH_DB_NAME']!,
  dataDir: '',
  entities: eventEntities,
  migrations: [{ name: 'EventTables', class: EventTablesMigration }],
  logger,
});
const transport = await JetStreamTransport.connect({
  url: testNatsUrl(),
  logger,
  namespace: process.env['BENCH_NAMESPACE']!,
});

const buffer: [string, number, number][] = [];
setInterval(() => {
  if (buffer.length > 0) process.send!(buffer.splice(0));
}, 25).unref();

const consumers = new EventConsumers({
  service: 'bench',
  orm,
  transport,
  handlers: [countingHandler({ label: 'bench', deferred: process.env['BENCH_EFFECT'] === 'deferred' })],
  logger,
  // BENCH_WORKERS=8: eight transactions at once (the default before 26 Nov), for comparison.
  ...(process.env['BENCH_WORKERS'] ? { concurrency: Number(process.env['BENCH_WORKERS']) } : {}),
  // BENCH_BATCH=1: one transaction per event, for comparison.
  ...(process.env['BENCH_BATCH'] ? { batchSize: Number(process.env['BENCH_BATCH']) } : {}),
  onHandled: (_consumer, event) => buffer.push(['outbox', (event.data as { n: number }).n, now()]),
});
await consumers.start();
const bare = await transport.consume(
  { durable: 'bench-bare', stream: 'ACCOUNTS', subject: 'accounts.bench.bare', ackWaitMs: 30_000, concurrency: 8 },
  async (delivery) => {
    buffer.push(['bare', JSON.parse(Buffer.from(delivery.data).toString()).data.n, now()]);
    await delivery.ack();
  },
);
process.send!('ready');
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await bare.stop();
  await consumers.stop();
  await transport.close();
  await orm.close();
  process.exit(0);
});
