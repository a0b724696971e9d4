/**
 * `npm run bench:contacts`: the contacts subgraph (seed 004) on this machine.
 *  - read RPS and p50/p99 of `contact(id)` with the read cache (Redis) and with no cache,
 *    and their ratio;
 *  - create → ACTIVE latency p50/p99 (API → outbox → JetStream → worker → database + cache),
 *    observed by polling `contact(id)` every 5 ms.
 * accounts (for tokens) and two contacts processes (cache on / off, same database) run as
 * their own processes on real PostgreSQL, NATS and Redis, each in a namespace of its own.
 */
import {
  createTestDatabase,
  deleteTestStreams,
  spawnService,
  testNamespace,
  testNatsUrl,
  type SpawnedService,
} from '@peerseed/shared/testing';
import { formatResult, runLoad } from './load.js';
import { gql, register } from './gql.js';
import { ms, summarize } from './stats.js';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const creates = Number(process.env['BENCH_CREATES'] ?? 200);
const databases = [createTestDatabase('bench_accounts'), createTestDatabase('bench_contacts')];
const namespace = testNamespace('benchcontacts');
const services: SpawnedService[] = [];

try {
  const accounts = await spawnService('subgraphs/accounts/src/main.ts', {
    env: { DATABASE_URL: databases[0]!.serverUrl, DATABASE_NAME: databases[0]!.dbName, PORT: '0' },
    tsconfig: 'subgraphs/accounts/tsconfig.json',
  });
  services.push(accounts);
  const contactsEnv = {
    DATABASE_URL: databases[1]!.serverUrl,
    DATABASE_NAME: databases[1]!.dbName,
    PORT: '0',
    ACCOUNTS_JWKS_URL: new URL('/.well-known/jwks.json', accounts.url).toString(),
    NATS_URL: testNatsUrl(),
    EVENTS_NAMESPACE: namespace,
    REDIS_URL: process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `${namespace}:`,
  };
  const cached = await spawnService('subgraphs/contacts/src/main.ts', {
    env: { ...contactsEnv, RUN_WORKER: 'true' },
    tsconfig: 'subgraphs/contacts/tsconfig.json',
  });
  services.push(cached);
  const uncached = await spawnService('subgraphs/contacts/src/main.ts', {
    env: { ...contactsEnv, RUN_WORKER: 'false', CACHE_ENABLED: 'false' },
    tsconfig: 'subgraphs/contacts/tsconfig.json',
  });
  services.push(uncached);

  const token = await register(accounts.url, 'INVESTOR');

  // create → ACTIVE, 4 at a time
  const latencies: number[] = [];
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < creates) {
        const i = next++;
        const started = performance.now();
        const created = await gql(
          cached.url,
          `mutation ($i: ContactInput!) { createContact(input: $i) { id } }`,
          { i: { firstName: `Contact${i}`, lastName: 'Bench', email: `c${i}@example.com`, phone: '+5511999990000' } },
          token,
        );
        const id = created.createContact.id as string;
        for (;;) {
          const read = await gql(cached.url, `query ($id: ID!) { contact(id: $id) { status } }`, { id }, token);
          if (read.contact?.status === 'ACTIVE') break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        latencies.push(performance.now() - started);
        ids.push(id);
      }
    }),
  );
  const createLatency = summarize(latencies);

  const body = JSON.stringify({
    query: `query ($id: ID!) { contact(id: $id) { id firstName lastName email phone status } }`,
    variables: { id: ids[0] },
  });
  const load = (url: string) =>
    runLoad({ url, body, headers: { authorization: `Bearer ${token}` }, concurrency, seconds });
  await runLoad({ url: cached.url, body, headers: { authorization: `Bearer ${token}` }, concurrency, seconds: 2 });
  await runLoad({ url: uncached.url, body, headers: { authorization: `Bearer ${token}` }, concurrency, seconds: 2 });
  const withCache = await load(cached.url);
  const withoutCache = await load(uncached.url);

  console.log(
    `\ncontacts subgraph (direct), ${concurrency} clients, ${seconds} s each; real PostgreSQL, NATS, Redis; 2 cores\n`,
  );
  console.log(formatResult('contact(id), Redis cache', withCache));
  console.log(formatResult('contact(id), no cache', withoutCache));
  console.log(
    `\ncached / uncached throughput: ${(withCache.rps / withoutCache.rps).toFixed(2)}×   p99: ${(withCache.p99Ms / withoutCache.p99Ms).toFixed(2)}×`,
  );
  console.log(
    `create → ACTIVE (${creates} contacts, 4 at a time): p50 ${ms(createLatency.p50)}   p99 ${ms(createLatency.p99)}   (5 ms polling)\n`,
  );
} finally {
  for (const service of services.reverse()) await service.stop();
  await Promise.all(databases.map((db) => db.drop()));
  await deleteTestStreams(namespace);
}
