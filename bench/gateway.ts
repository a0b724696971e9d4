/**
 * `npm run bench:gateway`: throughput and latency of `{ me { id name } }` through the
 * gateway and directly against the accounts subgraph, in one run on this machine.
 * Target (issue 2): the gateway keeps at least 60% of the direct throughput.
 *
 * Services run as their own processes (as in production) on a fresh PostgreSQL
 * database (on TEST_DATABASE_URL, default the local server, dropped afterwards); the
 * load generator is a process of its own too (bench/load-generator.ts). Both paths get
 * the same query, clients and duration, warmed up alike, measured in alternating rounds.
 * Next to the figures it prints each process's CPU per request and what the rest of the
 * machine used meanwhile, since this machine is shared.
 *
 * BENCH_SECONDS (per measurement), BENCH_ROUNDS, BENCH_CONCURRENCY tune the run;
 * BENCH_PROFILE=<dir> writes a CPU profile of the gateway there (`node --cpu-prof`).
 */
import { createTestDatabase, randomCpf, spawnService } from '@peerseed/shared/testing';
import { cpus } from 'node:os';
import pg from 'pg';
import { cpuMeter, loadAverage } from './cpu.js';
import { combine, formatResult, startLoadGenerator, type LoadResult } from './load.js';

import { execFileSync } from 'node:child_process';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 4);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const profileDir = process.env['BENCH_PROFILE'];
/**
 * BENCH_PIN=1 models separate hosts on this 2-core machine: the subgraph (and PostgreSQL's
 * work for it, which runs wherever the scheduler puts it) on core 1, the gateway and the
 * load generator on core 0. Without it everything shares both cores.
 */
const pin = process.env['BENCH_PIN'] === '1';
if (pin) execFileSync('taskset', ['-cp', '0', String(process.pid)]);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const db = createTestDatabase('bench_gateway');
const loadBefore = loadAverage();

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
    ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}),
  },
  tsconfig: 'gateway/tsconfig.json',
  ...(pin ? { cpus: '0' } : {}),
});

/** The PostgreSQL backends serving the bench database (accounts' pool, open after the warm-up). */
async function postgresBackends(): Promise<number[]> {
  const client = new pg.Client({ connectionString: `${db.serverUrl}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      db.dbName,
    ]);
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** One measurement: the load and the CPU each part used meanwhile (ms). */
interface Measured {
  load: LoadResult;
  cpuMs: Record<string, number>;
  machineBusyMs: number;
}

const cpuSummary = (runs: Measured[]) => {
  const load = combine(runs.map((r) => r.load));
  const names = Object.keys(runs[0]!.cpuMs);
  const ms = (name: string) => runs.reduce((sum, r) => sum + r.cpuMs[name]!, 0);
  const ours = names.reduce((sum, name) => sum + ms(name), 0);
  const machine = runs.reduce((sum, r) => sum + r.machineBusyMs, 0);
  const perRequest = names.map((name) => `${name} ${Math.round((ms(name) * 1000) / Math.max(1, load.requests))}`);
  return `      CPU µs per request: ${perRequest.join(', ')}; meanwhile the rest of the machine kept ${(
    (machine - ours) /
    (load.seconds * 1000)
  ).toFixed(2)} of ${cpus().length} cores busy`;
};

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
  const options = (url: string, duration: number) => ({
    url,
    body: JSON.stringify({ query: '{ me { id name } }' }),
    headers: { authorization: `Bearer ${registered.data.register.accessToken}` },
    concurrency,
    seconds: duration,
  });
  const generator = startLoadGenerator();
  // Warm-up: JIT, connection pools, document and query-plan caches, token caches.
  await generator.run(options(gateway.url, 5));
  await generator.run(options(accounts.url, 5));
  const backends = await postgresBackends();
  const measure = async (url: string): Promise<Measured> => {
    const meter = cpuMeter({
      gateway: () => [gateway.process.pid!],
      accounts: () => [accounts.process.pid!],
      postgres: () => backends,
    });
    let used: ReturnType<typeof meter.stop> | undefined;
    const load = await generator.run(options(url, seconds), {
      started: meter.start,
      stopped: () => void (used = meter.stop()),
    });
    return { load, cpuMs: { 'load generator': load.cpuMs, ...used!.ms }, machineBusyMs: used!.machineBusyMs };
  };
  // Alternating short rounds: both paths see the same background load of a shared machine.
  const viaGateway: Measured[] = [];
  const direct: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    viaGateway.push(await measure(gateway.url));
    direct.push(await measure(accounts.url));
  }
  generator.close();

  console.log(
    `\n{ me { id name } }, ${concurrency} concurrent clients, ${rounds} rounds of ${seconds} s on each path, ${pin ? 'gateway + load generator pinned to core 0, accounts to core 1' : `${cpus().length} cores shared by everything`}`,
  );
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}`);
  const ratioOf = (g: LoadResult, d: LoadResult) => `${((g.rps / d.rps) * 100).toFixed(1)}%`;
  for (let round = 0; round < rounds; round++) {
    const [g, d] = [viaGateway[round]!.load, direct[round]!.load];
    console.log(
      `  round ${round + 1}: gateway ${g.rps.toFixed(0)} req/s, direct ${d.rps.toFixed(0)} req/s: ${ratioOf(g, d)}`,
    );
  }
  const [g, d] = [combine(viaGateway.map((r) => r.load)), combine(direct.map((r) => r.load))];
  console.log(`\n${formatResult('through the gateway', g)}\n${cpuSummary(viaGateway)}`);
  console.log(`${formatResult('directly to accounts', d)}\n${cpuSummary(direct)}`);
  console.log(`\ngateway / direct throughput: ${ratioOf(g, d)} (target ≥ 60%)`);
  console.log(`gateway p99 / direct p99:    ${(g.p99Ms / d.p99Ms).toFixed(2)}×\n`);
} finally {
  await gateway.stop();
  await accounts.stop();
  await db.drop();
}
