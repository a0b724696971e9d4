/**
 * `npm run bench:subscriptions`: 1,000 concurrent graphql-ws subscribers of
 * `paymentUpdates` on one gateway — the issuer and the investors of one CPR, a few
 * connections each — in one run on this machine:
 *
 *  1. gateway memory per idle subscriber: its heap and RSS (from its /metrics, each after
 *     a forced GC) after the first 50 subscribers and after all of them (the marginal cost,
 *     target < 50 KiB), and from none (one-time costs included);
 *  2. latency from `payInstallment`'s commit (the payment's `paidAt`, stamped just before
 *     it) to the CONFIRMED update at every client, over BENCH_PAYMENTS payments after
 *     BENCH_WARMUP_PAYMENTS (1) unmeasured ones — the bare path below is warmed up alike;
 *  3. the same fan-out over bare JetStream: a publish → as many ordered consumers as
 *     subscribers (and → one), and the ratio of the p99s (target < 10×).
 *
 * accounts, marketplace, wallet, distribution and the gateway run as their own processes
 * on fresh databases (TEST_DATABASE_URL) and a NATS namespace of their own (TEST_NATS_URL);
 * the subscribers and the bare consumers run here.
 *
 * BENCH_PROFILE=<dir> writes CPU profiles of the gateway and the wallet over the delivery
 * phase only (2.) to <dir> (`bench/cpu-profile-hook.mjs`); open them in Chrome DevTools.
 */
import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventNamespace } from '@peerseed/shared';
import {
  createTestDatabase,
  deleteTestStreams,
  spawnService,
  testNamespace,
  testNatsUrl,
  type SpawnedService,
} from '@peerseed/shared/testing';
import type WebSocket from 'ws';
import { ms, summarize } from './stats.js';
import { gql } from './gql.js';
import { SIGN_IN_LIMIT_LIFTED } from '../gateway/test/support/sign-in-limit.js';
import { fundedCpr } from './subscriptions-setup.js';
import { subscribe, type Received } from './ws-subscriber.js';

const subscriberCount = Number(process.env['BENCH_SUBSCRIBERS'] ?? 1000);
const investorCount = Number(process.env['BENCH_INVESTORS'] ?? 200);
const paymentCount = Number(process.env['BENCH_PAYMENTS'] ?? 10);
/**
 * Unmeasured first payments (and bare publishes), as bench:gateway warms both paths up: the
 * first event after the subscribers connect meets cold code (JIT), new subgraph connections
 * and an empty query-plan cache — a fresh process's cost, not a running gateway's.
 */
const warmUps = Number(process.env['BENCH_WARMUP_PAYMENTS'] ?? 1);
const profileDir = process.env['BENCH_PROFILE'];
/** NODE_OPTIONS that load the profile hook into a spawned service (nothing without BENCH_PROFILE). */
const profiled = (name: string, nodeOptions = ''): Record<string, string> =>
  profileDir
    ? {
        NODE_OPTIONS: `${nodeOptions} --import=./bench/cpu-profile-hook.mjs`.trim(),
        BENCH_PROFILE_DIR: profileDir,
        PROFILE_NAME: name,
      }
    : nodeOptions
      ? { NODE_OPTIONS: nodeOptions }
      : {};
const events = { NATS_URL: testNatsUrl(), EVENTS_NAMESPACE: testNamespace('benchsubs') };
const names = ['accounts', 'marketplace', 'wallet', 'distribution'] as const;
const databases = names.map((name) => createTestDatabase(`bench_subs_${name}`));
const services: SpawnedService[] = [];
const sockets: WebSocket[] = [];
const now = () => performance.timeOrigin + performance.now();
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const waitUntil = async (done: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
};

const UPDATES = `subscription { paymentUpdates { cursor type payment { id installmentNumber paidAt amount { amount } } } }`;

async function spawnSubgraph(name: (typeof names)[number], env: Record<string, string>) {
  const db = databases[names.indexOf(name)]!;
  const service = await spawnService(`subgraphs/${name}/src/main.ts`, {
    env: { DATABASE_URL: db.serverUrl, DATABASE_NAME: db.dbName, PORT: '0', ...events, ...env },
    tsconfig: `subgraphs/${name}/tsconfig.json`,
  });
  services.push(service);
  return service;
}

/** Heap used and RSS of the gateway, after it collected garbage (SIGUSR2 → gc(), set up below). */
async function gatewayMemory(gateway: SpawnedService) {
  gateway.process.kill('SIGUSR2');
  await sleep(1_000);
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  const read = (name: string) => Number(text.match(new RegExp(`^${name}\\{[^}]*\\} (\\S+)`, 'm'))?.[1] ?? NaN);
  return { heap: read('nodejs_heap_size_used_bytes'), rss: read('process_resident_memory_bytes') };
}

/** Bare JetStream: `publishes` messages, each read by `consumers` ordered consumers; latency of every read. */
async function bareFanOut(consumers: number, publishes: number) {
  const nc = await connect({ servers: events.NATS_URL });
  const js = jetstream(nc);
  const ns = eventNamespace(events.EVENTS_NAMESPACE);
  const stream = ns.stream('ACCOUNTS');
  const subject = ns.subject(`accounts.bench.bare${consumers}`);
  const latencies: number[] = [];
  const readers: ConsumerMessages[] = [];
  const done = new Map<number, number>();
  for (let i = 0; i < consumers; i++) {
    // Unfiltered like the gateway's (nats-server 2.9); nothing else is published meanwhile.
    const consumer = await js.consumers.get(stream, { deliver_policy: DeliverPolicy.New });
    const messages = await consumer.consume({ max_messages: 64 });
    readers.push(messages);
    void (async () => {
      for await (const message of messages) {
        if (message.subject !== subject) continue;
        const { n, sentAt } = message.json<{ n: number; sentAt: number }>();
        if (n >= warmUps) latencies.push(now() - sentAt);
        done.set(n, (done.get(n) ?? 0) + 1);
      }
    })();
  }
  await sleep(1_000);
  for (let n = 0; n < warmUps + publishes; n++) {
    await js.publish(subject, JSON.stringify({ n, sentAt: now() }));
    await waitUntil(() => done.get(n) === consumers, 60_000, `bare message ${n}`);
    await sleep(100);
  }
  await Promise.all(readers.map((r) => r.close()));
  await nc.close();
  return summarize(latencies);
}

try {
  const accounts = await spawnSubgraph('accounts', {});
  const jwks = new URL('/.well-known/jwks.json', accounts.url).toString();
  const [marketplace, wallet, distribution] = await Promise.all([
    spawnSubgraph('marketplace', { ACCOUNTS_JWKS_URL: jwks, SCHEDULER_INTERVAL_MS: '0' }),
    spawnSubgraph('wallet', { ACCOUNTS_JWKS_URL: jwks, ...profiled('wallet') }),
    spawnSubgraph('distribution', { ACCOUNTS_JWKS_URL: jwks }),
  ]);
  const gateway = await spawnService('gateway/src/main.ts', {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      ACCOUNTS_URL: accounts.url,
      MARKETPLACE_URL: marketplace!.url,
      WALLET_URL: wallet!.url,
      DISTRIBUTION_URL: distribution!.url,
      ACCOUNTS_JWKS_URL: jwks,
      ...SIGN_IN_LIMIT_LIFTED,
      ...events,
      // A forced GC on demand, for memory readings that are not garbage.
      ...profiled('gateway', `--expose-gc --import=data:text/javascript,process.on('SIGUSR2',()=>globalThis.gc())`),
    },
    tsconfig: 'gateway/tsconfig.json',
  });
  services.push(gateway);

  const setupStarted = now();
  const cpr = await fundedCpr(gateway.url, investorCount, warmUps + paymentCount);
  console.log(
    `\nsetup: ${investorCount} investors in one CPR of ${warmUps + paymentCount} installments in ${((now() - setupStarted) / 1000).toFixed(0)} s`,
  );

  // 1. Memory per idle subscriber.
  const users = [cpr.issuer, ...cpr.investors];
  const received: Received[][] = Array.from({ length: subscriberCount }, () => []);
  const before = await gatewayMemory(gateway);
  const wsUrl = gateway.url.replace(/^http/, 'ws');
  // The first batch also pays what is paid once (the stream's shared reader, code compiled on
  // first use): the marginal cost is measured over the others.
  let firstBatch = before;
  for (let i = 0; i < subscriberCount; i += 50) {
    const batch = Array.from({ length: Math.min(50, subscriberCount - i) }, (_, k) => i + k);
    sockets.push(
      ...(await Promise.all(
        batch.map((s) => subscribe(wsUrl, users[s % users.length]!, UPDATES, (r) => received[s]!.push(r))),
      )),
    );
    if (i === 0) {
      await sleep(1_000);
      firstBatch = await gatewayMemory(gateway);
    }
  }
  await sleep(2_000); // every subscription has started reading
  const after = await gatewayMemory(gateway);
  const marginal = (bytes: number) => `${(bytes / Math.max(subscriberCount - 50, 1) / 1024).toFixed(1)} KiB`;
  const perSubscriber = (bytes: number) => `${(bytes / subscriberCount / 1024).toFixed(1)} KiB`;

  // 2. payInstallment commit → CONFIRMED at every client.
  const latencies: number[] = [];
  const perPaymentP99: number[] = [];
  const profiledServices = profileDir ? [gateway, wallet!] : [];
  for (const service of profiledServices) service.process.kill('SIGTTIN');
  let deliveryStarted = now();
  for (let number = 1; number <= warmUps + paymentCount; number++) {
    if (number === warmUps + 1) deliveryStarted = now();
    await gql(
      gateway.url,
      `mutation ($c: ID!, $n: Int!) { payInstallment(cprId: $c, number: $n) { id } }`,
      { c: cpr.id, n: number },
      cpr.issuer,
    );
    const confirmed = (r: Received) =>
      r.data?.paymentUpdates.type === 'CONFIRMED' && r.data.paymentUpdates.payment.installmentNumber === number;
    // CONFIRMED, then the distribution's update: the next payment starts on a quiet gateway.
    await waitUntil(
      () =>
        received.every(
          (list) => list.filter((r) => r.data?.paymentUpdates.payment.installmentNumber === number).length >= 2,
        ),
      120_000,
      `payment ${number} at every subscriber`,
    ).catch((error: Error) => {
      const counts = received.map(
        (list) => list.filter((r) => r.data?.paymentUpdates.payment.installmentNumber === number).length,
      );
      const errors = received
        .flat()
        .filter((r) => r.errors)
        .slice(0, 3);
      const histogram = counts.reduce<Record<number, number>>((h, c) => ({ ...h, [c]: (h[c] ?? 0) + 1 }), {});
      throw new Error(
        `${error.message}: subscribers by updates received ${JSON.stringify(histogram)}; errors ${JSON.stringify(errors).slice(0, 500)}`,
      );
    });
    if (number <= warmUps) continue;
    const these: number[] = [];
    for (const list of received) {
      const update = list.find(confirmed)!;
      these.push(update.at - Date.parse(update.data.paymentUpdates.payment.paidAt));
    }
    latencies.push(...these);
    perPaymentP99.push(summarize(these).p99);
  }
  const deliverySeconds = (now() - deliveryStarted) / 1000;
  for (const service of profiledServices) service.process.kill('SIGTTOU');
  if (profileDir) await sleep(2_000); // the profiles are written
  const errors = received.flat().filter((r) => r.errors).length;
  const viaGateway = summarize(latencies);

  // 3. Bare JetStream, the same fan-out, with the subscribers connected but idle.
  const bare = await bareFanOut(subscriberCount, paymentCount);
  const bareOne = await bareFanOut(1, 50);

  console.log(
    `\n${subscriberCount} graphql-ws subscribers of paymentUpdates on one gateway (${users.length} users: the issuer and ${investorCount} investors); 2 cores shared by everything\n`,
  );
  console.log(
    `gateway memory per idle subscriber (after GC, marginal over subscribers 51–${subscriberCount}): heap ${marginal(after.heap - firstBatch.heap)}, RSS ${marginal(after.rss - firstBatch.rss)}   (target < 50 KiB)`,
  );
  console.log(
    `  all ${subscriberCount} from none, one-time costs included: heap ${perSubscriber(after.heap - before.heap)}, RSS ${perSubscriber(after.rss - before.rss)} each`,
  );
  console.log(
    `  heap ${(before.heap / 2 ** 20).toFixed(1)} → ${(after.heap / 2 ** 20).toFixed(1)} MiB, RSS ${(before.rss / 2 ** 20).toFixed(1)} → ${(after.rss / 2 ** 20).toFixed(1)} MiB`,
  );
  console.log(
    `\nlatency to every subscriber, ${paymentCount} payments (${latencies.length} deliveries, ${errors} errors, ${(deliverySeconds / paymentCount).toFixed(2)} s a payment with its distribution update):`,
  );
  console.log(
    `  payInstallment commit → CONFIRMED at the client   p50 ${ms(viaGateway.p50)}   p99 ${ms(viaGateway.p99)}   max ${ms(viaGateway.max)}`,
  );
  // The first payment pays for what is cold (connections to the wallet, code paths): shown apart.
  console.log(`    p99 of each payment in turn: ${perPaymentP99.map((p) => p.toFixed(0)).join(' ')} ms`);
  console.log(
    `  bare JetStream publish → ${subscriberCount} ordered consumers   p50 ${ms(bare.p50)}   p99 ${ms(bare.p99)}   max ${ms(bare.max)}`,
  );
  console.log(
    `  bare JetStream publish → 1 ordered consumer      p50 ${ms(bareOne.p50)}   p99 ${ms(bareOne.p99)}   max ${ms(bareOne.max)}`,
  );
  console.log(
    `  gateway p99 / bare p99 (same fan-out): ${(viaGateway.p99 / bare.p99).toFixed(1)}×   (target < 10×); / bare p99 (one consumer): ${(viaGateway.p99 / bareOne.p99).toFixed(1)}×\n`,
  );
} finally {
  for (const socket of sockets) socket.terminate();
  for (const service of services.reverse()) await service.stop();
  await Promise.all(databases.map((db) => db.drop()));
  await deleteTestStreams(events.EVENTS_NAMESPACE);
}
