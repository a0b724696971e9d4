/**
 * `npm run bench:events`: the event backbone on this machine, in one run.
 *
 *  1. Throughput (after an unmeasured warm-up of BENCH_WARMUP events): bursts of BENCH_EVENTS
 *     events committed by BENCH_PRODUCERS (16) concurrent producers (one transaction each,
 *     then ten per transaction), from the first commit to the last consumer effect, through
 *     the outbox (commit → publish after commit → JetStream → consumer → effect + inbox
 *     committed); and the same count through bare JetStream (publish → consume). BENCH_ROUNDS
 *     (3) rounds of these bursts, interleaved; each line prints its median round and range.
 *  2. Latency at each of the steady BENCH_RATES (100,500 events/s) for BENCH_SECONDS (10) of
 *     each path, in alternating windows of BENCH_WINDOW_MS (500): commit → consumer effect
 *     committed, against bare JetStream publish → consume. The target is read at the first
 *     (light load: the path's own latency); the second shows both paths under load.
 *
 * The consumer's effect is one upsert (a counter per event). By default it is written as a
 * handler writes a statement whose result it does not read (`DEFERRED`): it rides with the
 * inbox row and the COMMIT, one round trip per consumer transaction. BENCH_EFFECT=awaited
 * gives it a round trip of its own, as an effect that reads what it wrote has.
 *
 * Real PostgreSQL and NATS (TEST_DATABASE_URL, TEST_NATS_URL), in a database and
 * namespace of its own. Targets (issue 3): ≥ 2,000 events/s through the outbox, and an
 * outbox p99 within 5× of the bare JetStream p99.
 */
import { fork } from 'node:child_process';
import { loadavg } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  DEFERRED,
  JetStreamTransport,
  OutboxFastPath,
  OutboxRelay,
  OutboxWriter,
  createEnvelope,
} from '@peerseed/shared';
import { deleteTestStreams, testLogger, testNamespace, testNatsUrl } from '@peerseed/shared/testing';
import { openEventsDatabase, Pinged } from '../shared/test/support/events-fixture.js';
import { cpuMeter, pidsNamed } from './cpu.js';
import { ms, summarize } from './stats.js';

const total = Number(process.env['BENCH_EVENTS'] ?? 10_000);
/**
 * Steady rates of the latency phase. The first is light load, where latency is the path's own
 * (the target's line); the next ones show it under load: at 500 events/s the outbox path's
 * four processes keep about half of this 2-vCPU machine busy, so its tail there is mostly waiting for a CPU.
 */
const rates = (process.env['BENCH_RATES'] ?? process.env['BENCH_RATE'] ?? '100,500').split(',').map(Number);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
/** Latency windows of each path, alternating: short, so the moments this shared VM stalls fall on both paths alike. */
const windowMs = Number(process.env['BENCH_WINDOW_MS'] ?? 500);
const windows = Math.max(1, Math.round((seconds * 1000) / windowMs));
/** The consumer's effect: `deferred` (default) rides with the inbox row and the COMMIT; `awaited` has a round trip of its own. */
const effect = process.env['BENCH_EFFECT'] === 'awaited' ? 'awaited' : 'deferred';
const producers = Number(process.env['BENCH_PRODUCERS'] ?? 16);
/** Throughput rounds: one burst on this shared VM can meet a stall of the host (2× from one run to the next); the median does not. */
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const warmup = Number(process.env['BENCH_WARMUP'] ?? 30_000);
const fastPathOn = process.env['BENCH_FAST_PATH'] !== '0';
const logger = testLogger();
const namespace = testNamespace('bench');
const now = () => performance.timeOrigin + performance.now();
const database = await openEventsDatabase('bench_events');
const transport = await JetStreamTransport.connect({ url: testNatsUrl(), logger, namespace });
const outbox = new OutboxWriter('/peerseed/bench');
// As `startEventBackbone` wires it: published right after commit, the relay as the safety net
// (BENCH_FAST_PATH=0: the relay alone, woken after each commit, for comparison).
const fastPath = fastPathOn ? OutboxFastPath.start({ orm: database.orm, transport, logger }) : null;
const relay = new OutboxRelay({ orm: database.orm, transport, logger, fastPath: fastPathOn });
relay.start();

// The consuming service runs in its own process (as in production), on the other core.
const consumer = fork(new URL('./events-consumer.ts', import.meta.url), {
  env: {
    ...process.env,
    BENCH_EFFECT: effect,
    BENCH_DB_URL: database.db.serverUrl,
    BENCH_DB_NAME: database.db.dbName,
    BENCH_NAMESPACE: namespace,
  },
  execArgv: [
    ...(process.env['BENCH_PROFILE'] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/evprof'] : []),
    '--conditions=peerseed-source',
    '--import',
    '@swc-node/register/esm-register',
  ],
});
const received = { outbox: new Map<number, number>(), bare: new Map<number, number>() };
await new Promise<void>((resolve) =>
  consumer.on('message', (message) => {
    if (message === 'ready') return resolve();
    for (const [kind, n, at] of message as [keyof typeof received, number, number][]) received[kind].set(n, at);
  }),
);

/**
 * Where each phase numbers its events: every event number is used once per path, so an
 * event of one phase is never taken for another's (a receipt map keeps every number).
 */
const offsets = { latency: 0, perRate: 10_000_000, throughput: 100_000_000, warmup: 200_000_000 };

const committedAt = new Map<number, number>();
const commit = async (n: number) => {
  await database.orm.em.fork().transactional((em) => outbox.append(em, Pinged, `agg-${n % 64}`, { n }));
  committedAt.set(n, now());
  relay.wake(); // (what the unit of work does after each commit; nothing with the fast path)
};
/** Ten events in one transaction (a use case with several effects, e.g. a distribution's credits). */
const commitTen = async (n: number) => {
  await database.orm.em.fork().transactional(async (em) => {
    for (let i = n; i < n + 10; i++) await outbox.append(em, Pinged, `agg-${i % 64}`, { n: i });
  });
  relay.wake();
};
/**
 * The same producing transaction with nothing to publish (its row written as already sent, in the
 * same one round trip as the outbox's insert): the producers' own ceiling.
 */
const producedAlone = new Map<number, number>();
const commitAlone = async (n: number) => {
  const envelope = createEnvelope(Pinged.type, `agg-${n % 64}`, { n }, { source: '/peerseed/bench' });
  await database.orm.em
    .fork()
    .transactional((em) =>
      em.execute(
        `${DEFERRED} insert into "outbox_events" ("id", "stream", "subject", "envelope", "created_at", "published_at") values (?, ?, ?, ?, now(), now())`,
        [envelope.id, Pinged.stream, Pinged.subject, JSON.stringify(envelope)],
      ),
    );
  producedAlone.set(n, now());
};
const bareSentAt = new Map<number, number>();
const publishBare = async (n: number) => {
  const id = randomUUID();
  bareSentAt.set(n, now());
  await transport.publish(
    'ACCOUNTS',
    'accounts.bench.bare',
    id,
    Buffer.from(JSON.stringify(createEnvelope(Pinged.type, 'x', { n }, { source: 'bench', id }))),
  );
};
/** Resolves once `seen` holds offset … offset + count - 1 (scanning on from where it stopped: the bench's own CPU stays small). */
const allSeen = async (seen: Map<number, number>, offset: number, count: number) => {
  let next = 0;
  for (;;) {
    while (next < count && seen.has(offset + next)) next += 1;
    if (next === count) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

/** The processes whose CPU `BENCH_DEBUG` reports per burst (PostgreSQL's backends come and go: looked up at each read). */
const debugCpuGroups = () => ({
  producer: () => [process.pid],
  consumer: () => [consumer.pid!],
  postgres: () => pidsNamed('postgres'),
  nats: () => pidsNamed('nats-server'),
});

/** A phase's event numbers must be new: a receipt left from another phase would read as this one's. */
function assertUnused(seen: Map<number, number>, offset: number, count: number) {
  if (seen.has(offset) || seen.has(offset + count - 1)) throw new Error(`event numbers from ${offset} already used`);
}

async function burst(
  send: (n: number) => Promise<void>,
  seen: Map<number, number>,
  offset: number,
  perCall = 1,
  count = total,
) {
  assertUnused(seen, offset, count);
  // (Started before the clock: the meter reads /proc, which is not the burst's work.)
  const meter = process.env['BENCH_DEBUG'] ? cpuMeter(debugCpuGroups()) : null;
  let next = offset;
  const started = now();
  await Promise.all(
    Array.from({ length: producers }, async () => {
      while (next < offset + count) {
        const n = next;
        next += perCall;
        await send(n);
      }
    }),
  );
  const committed = now();
  await allSeen(seen, offset, count);
  const elapsed = now() - started;
  if (meter) {
    const used = meter.stop();
    const perEvent = (cpuMs: number) => `${((cpuMs * 1000) / count).toFixed(0)}`;
    console.log(
      `  (burst: sent in ${(committed - started).toFixed(0)} ms, all handled ${elapsed.toFixed(0)} ms; ` +
        `CPU µs per event: ${Object.entries(used.ms)
          .map(([name, cpuMs]) => `${name} ${perEvent(cpuMs)}`)
          .join(', ')}, machine ${perEvent(used.machineBusyMs)})`,
    );
  }
  return count / (elapsed / 1000);
}

/** One window at a steady `rate`: the latency of each event sent. */
async function steadyWindow(
  rate: number,
  send: (n: number) => Promise<void>,
  sent: Map<number, number>,
  seen: Map<number, number>,
  offset: number,
) {
  const count = Math.max(1, Math.round((rate * windowMs) / 1000));
  assertUnused(seen, offset, count);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    void send(offset + i);
  }
  await allSeen(seen, offset, count);
  return [...Array(count).keys()].map((i) => seen.get(offset + i)! - sent.get(offset + i)!);
}

const loadBefore = loadavg()[0]!;
try {
  // Warm-up, not measured: the connection pools filled and the code compiled. A service runs warm; the
  // ORM's paths take tens of thousands of transactions to reach their optimised code (the first 10,000
  // events cost 1.7× the CPU of the fourth 10,000 in the producer and consumer; see ADR 0005).
  await burst(commit, received.outbox, offsets.warmup, 1, warmup);
  await burst(commitTen, received.outbox, offsets.warmup + warmup, 10, warmup / 10);
  await burst(publishBare, received.bare, offsets.warmup, 1, warmup / 4);
  // Rounds of the four bursts, interleaved so each line meets the same moments of this shared machine; the median round counts.
  const bursts = { outbox: [] as number[], outboxBatch: [] as number[], bare: [] as number[], alone: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const offset = offsets.throughput + round * total;
    bursts.outbox.push(await burst(commit, received.outbox, offset));
    bursts.outboxBatch.push(await burst(commitTen, received.outbox, offset + rounds * total, 10));
    bursts.bare.push(await burst(publishBare, received.bare, offset));
    bursts.alone.push(await burst(commitAlone, producedAlone, offset));
  }
  // Alternating windows, so both paths meet the same moments of this shared machine's load.
  const latencies = [];
  for (const [r, rate] of rates.entries()) {
    const outboxSamples: number[] = [];
    const bareSamples: number[] = [];
    for (let window = 0; window < windows; window++) {
      const offset = offsets.latency + r * offsets.perRate + outboxSamples.length;
      const outboxWindow = await steadyWindow(rate, commit, committedAt, received.outbox, offset);
      const bareWindow = await steadyWindow(rate, publishBare, bareSentAt, received.bare, offset);
      outboxSamples.push(...outboxWindow);
      bareSamples.push(...bareWindow);
      if (process.env['BENCH_DEBUG'])
        console.log(
          `  (${rate}/s, window ${window + 1}: p99 outbox ${ms(summarize(outboxWindow).p99)}, bare ${ms(summarize(bareWindow).p99)})`,
        );
    }
    latencies.push({ rate, outbox: summarize(outboxSamples), bare: summarize(bareSamples) });
  }

  console.log(
    `\nEvent backbone: real PostgreSQL + NATS JetStream; producer and consumer in separate processes; 2 cores\n`,
  );
  console.log(
    `throughput, bursts of ${total} events from ${producers} concurrent producers, commit → consumer effect ` +
      `(median of ${rounds} rounds, and the range):`,
  );
  const medianAndRange = (rates: number[], unit = 'events/s') => {
    const { min, p50, max } = summarize(rates);
    return `${p50.toFixed(0).padStart(6)} ${unit}  (${min.toFixed(0)}–${max.toFixed(0)})`;
  };
  console.log(`  through the outbox, 1 event per transaction    ${medianAndRange(bursts.outbox)}   (target ≥ 2000)`);
  console.log(`  through the outbox, 10 events per transaction  ${medianAndRange(bursts.outboxBatch)}`);
  console.log(`  bare JetStream (publish → consume)             ${medianAndRange(bursts.bare)}`);
  console.log(
    `  the producers alone, nothing published         ${medianAndRange(bursts.alone, 'transactions/s')}   (the ceiling of the first line)`,
  );
  console.log(
    `\nlatency, commit → consumer effect, at steady rates: ${seconds} s of each path per rate, in alternating windows of ${windowMs} ms:`,
  );
  console.log(`  rate        through the outbox p50 / p99 / max     bare JetStream p50 / p99 / max    p99 ratio`);
  const fixed = (value: number) => value.toFixed(2);
  for (const [i, { rate, outbox, bare }] of latencies.entries()) {
    const ratio = outbox.p99 / bare.p99;
    console.log(
      `  ${`${rate}/s`.padEnd(10)}  ${`${fixed(outbox.p50)} / ${fixed(outbox.p99)} / ${fixed(outbox.max)} ms`.padEnd(36)}  ` +
        `${`${fixed(bare.p50)} / ${fixed(bare.p99)} / ${fixed(bare.max)} ms`.padEnd(32)}  ${`${ratio.toFixed(2)}×`.padStart(7)}` +
        (i === 0 ? '   (target ≤ 5×, light load)' : '   (under load)'),
    );
  }
  console.log('');
  console.log(
    `fast path ${fastPathOn ? 'on' : 'off'}, consumer batch ${process.env['BENCH_BATCH'] ?? 'default'}, effect ${effect}; ` +
      `load average before ${loadBefore.toFixed(2)}, after ${loadavg()[0]!.toFixed(2)} (other work on this machine)\n`,
  );
} finally {
  consumer.send('stop');
  await new Promise((resolve) => consumer.once('exit', resolve));
  await fastPath?.stop();
  await relay.stop();
  await transport.close();
  await database.close();
  await deleteTestStreams(namespace);
}
