/**
 * `npm run bench:gateway`: throughput and latency of `{ me { id name } }` through the
 * gateway and directly against the accounts subgraph, in one run on this machine.
 * Target (issue 2): the gateway keeps at least 60% of the direct throughput.
 *
 * Services run as their own processes (as in production) on a fresh PostgreSQL
 * database (on TEST_DATABASE_URL, default the local server, dropped afterwards);
 * the load generator runs here. BENCH_SECONDS and BENCH_CONCURRENCY tune the run.
 */
import { createTestDatabase, randomCpf, spawnService } from '@peerseed/shared/testing';
import { formatResult, runLoad } from './load.js';

import { execFileSync } from 'node:child_process';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
/**
 * BENCH_PIN=1 models separate hosts on this 2-core machine: the subgraph (and PostgreSQL's
 * work for it, which runs wherever the scheduler puts it) on core 1, the gateway and the
 * load generator on core 0. Without it everything shares both cores.
 */
const pin = process.env['BENCH_PIN'] === '1';
if (pin) execFileSync('taskset', ['-cp', '0', String(process.pid)]);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const db = createTestDatabase('bench_gateway');

const accounts = await spawnService('subgraphs/accounts/src/main.ts', {
  env: { DATABASE_URL: db.serverUrl, DATABASE_NAME: db.dbName, PORT: '0' },
  tsconfig: 'subgraphs/accounts/tsconfig.json',
  ...(pin ? { cpus: '1' } : {}),
});
const gateway = await spawnService('gateway/src/main.ts', {
  env: {
    PORT: '0',
    HOST: '127.0.0.1',
    ACCOUNTS_URL: accounts.url,
    ACCOUNTS_JWKS_URL: new URL('/.well-known/jwks.json', accounts.url).toString(),
  },
  tsconfig: 'gateway/tsconfig.json',
  ...(pin ? { cpus: '0' } : {}),
});

try {
  const registered = (await (
    await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }',
        variables: {
          i: {
            name: 'Bench User',
            email: `bench.${Date.now()}@example.com`,
            password: 'a long enough passphrase',
            document: randomCpf(),
            role: 'INVESTOR',
          },
        },
      }),
    })
  ).json()) as { data: { register: { accessToken: string } } };
  const load = (url: string) =>
    runLoad({
      url,
      body: JSON.stringify({ query: '{ me { id name } }' }),
      headers: { authorization: `Bearer ${registered.data.register.accessToken}` },
      concurrency,
      seconds,
    });
  await load(gateway.url); // warm-up: JIT, connection pools, query-plan cache
  await load(accounts.url);
  const viaGateway = await load(gateway.url);
  const direct = await load(accounts.url);
  console.log(
    `\n{ me { id name } }, ${concurrency} concurrent clients, ${seconds} s each, ${pin ? 'gateway + load generator pinned to core 0, accounts to core 1' : '2 cores shared by everything'}\n`,
  );
  console.log(formatResult('through the gateway', viaGateway));
  console.log(formatResult('directly to accounts', direct));
  const ratio = viaGateway.rps / direct.rps;
  console.log(`\ngateway / direct throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 60%)`);
  console.log(`gateway p99 / direct p99:    ${(viaGateway.p99Ms / direct.p99Ms).toFixed(2)}×\n`);
} finally {
  await gateway.stop();
  await accounts.stop();
  await db.drop();
}
