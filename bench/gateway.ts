/**
 * `npm run bench:gateway`: throughput and latency of `{ me { id name } }` through the
 * gateway and directly against the accounts subgraph, in one run on this machine.
 * Target (issue 2): the gateway keeps at least 60% of the direct throughput.
 *
 * Services run as their own processes (as in production) on a fresh PostgreSQL
 * database (on TEST_DATABASE_URL, default the local server, dropped afterwards); the
 * load generator is a process of its own too (bench/load-generator.ts). Every path gets
 * the same query, clients and duration, warmed up alike, measured in alternating rounds.
 * Next to the figures it prints each process's CPU per request and how busy the rest of
 * the machine was meanwhile: on a shared machine that decides the ratio more than anything.
 *
 * BENCH_SECONDS (per measurement), BENCH_ROUNDS, BENCH_CONCURRENCY tune the run;
 * BENCH_PROFILE=<dir> writes a CPU profile of the gateway there (`node --cpu-prof`);
 * BENCH_BASELINE=<dir> also measures the gateway of another checkout (its sources plus a
 * node_modules) in the same rounds, to compare two versions under the same conditions.
 */
import { createTestDatabase, spawnService, type SpawnedService } from '@peerseed/shared/testing';
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuMeter, loadAverage } from './cpu.js';
import { combine, formatResult, startLoadGenerator, type LoadResult } from './load.js';
import { register } from './gql.js';
import { SIGN_IN_LIMIT_LIFTED } from '../gateway/test/support/sign-in-limit.js';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 4);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 5);
const profileDir = process.env['BENCH_PROFILE'];
const baselineRoot = process.env['BENCH_BASELINE'];
/**
 * BENCH_PIN=1 models separate hosts on this 2-core machine: the subgraph (and PostgreSQL's
 * work for it, which runs wherever the scheduler puts it) on core 1, the gateway and the
 * load generator on core 0. Without it everything shares both cores.
 */
const pin = process.env['BENCH_PIN'] === '1';
if (pin) execFileSync('taskset', ['-cp', '0', String(process.pid)]);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const cores = cpus().length;
const db = createTestDatabase('bench_gateway');
const loadBefore = loadAverage();
const services: SpawnedService[] = [];

const accounts = await spawnService('subgraphs/accounts/src/main.ts', {
  env: { DATABASE_URL: db.serverUrl, DATABASE_NAME: db.dbName, PORT: '0' },
  tsconfig: 'subgraphs/accounts/tsconfig.json',
  ...(pin ? { cpus: '1' } : {}),
});
services.push(accounts);
const startGateway = async (root: string, nodeOptions?: string) => {
  const gateway = await spawnService(join(root, 'gateway/src/main.ts'), {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      ACCOUNTS_URL: accounts.url,
      ACCOUNTS_JWKS_URL: new URL('/.well-known/jwks.json', accounts.url).toString(),
      ...SIGN_IN_LIMIT_LIFTED,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    },
    tsconfig: join(root, 'gateway/tsconfig.json'),
    ...(pin ? { cpus: '0' } : {}),
  });
  services.push(gateway);
  return gateway;
};
const gateway = await startGateway('.', profileDir ? `--cpu-prof --cpu-prof-dir=${profileDir}` : undefined);
const baseline = baselineRoot ? await startGateway(baselineRoot) : undefined;

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

/** One measurement: the load, the CPU each part used meanwhile (ms), and the machine's. */
interface Measured {
  load: LoadResult;
  cpuMs: Record<string, number>;
  machineBusyMs: number;
}

/** Cores the rest of the machine (other users, other programs) kept busy during the runs. */
const restOfMachine = (runs: Measured[]) => {
  const ours = runs.reduce((sum, r) => sum + Object.values(r.cpuMs).reduce((a, b) => a + b, 0), 0);
  const busy = runs.reduce((sum, r) => sum + r.machineBusyMs, 0);
  // Counters tick every 10 ms, so an idle machine can come out a hair below zero.
  return Math.max(0, (busy - ours) / (runs.reduce((sum, r) => sum + r.load.seconds, 0) * 1000));
};

const cpuSummary = (runs: Measured[]) => {
  const load = combine(runs.map((r) => r.load));
  const perRequest = Object.keys(runs[0]!.cpuMs).map((name) => {
    const ms = runs.reduce((sum, r) => sum + r.cpuMs[name]!, 0);
    return `${name} ${Math.round((ms * 1000) / Math.max(1, load.requests))}`;
  });
  return `      CPU µs per request: ${perRequest.join(', ')}; rest of the machine busy: ${restOfMachine(runs).toFixed(2)} of ${cores} cores`;
};

try {
  const token = await register(gateway.url, 'INVESTOR');
  const options = (url: string, duration: number) => ({
    url,
    body: JSON.stringify({ query: '{ me { id name } }' }),
    headers: { authorization: `Bearer ${token}` },
    concurrency,
    seconds: duration,
  });
  const paths = [
    { name: 'through the gateway', service: gateway, gateway },
    ...(baseline ? [{ name: 'through the baseline gateway', service: baseline, gateway: baseline }] : []),
    { name: 'directly to accounts', service: accounts, gateway },
  ];
  const generator = startLoadGenerator();
  // Warm-up: JIT, connection pools, document and query-plan caches, token caches.
  for (const path of paths) await generator.run(options(path.service.url, 5));
  const measure = async ({ service, gateway: edge }: (typeof paths)[number]): Promise<Measured> => {
    const backends = await postgresBackends(); // accounts' pool may have grown
    const meter = cpuMeter({
      gateway: () => [edge.process.pid!],
      accounts: () => [accounts.process.pid!],
      postgres: () => backends,
    });
    let used: ReturnType<typeof meter.stop> | undefined;
    const load = await generator.run(options(service.url, seconds), {
      started: meter.start,
      stopped: () => void (used = meter.stop()),
    });
    return { load, cpuMs: { 'load generator': load.cpuMs, ...used!.ms }, machineBusyMs: used!.machineBusyMs };
  };
  // Alternating short rounds: every path sees the same background load of a shared machine.
  const results = paths.map(() => [] as Measured[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, path] of paths.entries()) results[i]!.push(await measure(path));
  }
  generator.close();

  const direct = results.at(-1)!;
  const ratio = (runs: Measured[], to: Measured[]) =>
    `${((combine(runs.map((r) => r.load)).rps / combine(to.map((r) => r.load)).rps) * 100).toFixed(1)}%`;
  console.log(
    `\n{ me { id name } }, ${concurrency} concurrent clients, ${rounds} rounds of ${seconds} s on each path, ${pin ? 'gateway + load generator pinned to core 0, accounts to core 1' : `${cores} cores shared by everything`}`,
  );
  console.log(`load average (1, 5, 15 min) before: ${loadBefore}; after: ${loadAverage()}`);
  for (let round = 0; round < rounds; round++) {
    const [via, to] = [results[0]![round]!, direct[round]!];
    console.log(
      `  round ${round + 1}: gateway ${via.load.rps.toFixed(0)} req/s, direct ${to.load.rps.toFixed(0)} req/s: ${ratio([via], [to])}` +
        `  (rest of the machine busy: ${restOfMachine([via]).toFixed(2)} / ${restOfMachine([to]).toFixed(2)} cores)`,
    );
  }
  console.log('');
  for (const [i, path] of paths.entries()) {
    console.log(`${formatResult(path.name, combine(results[i]!.map((r) => r.load)))}\n${cpuSummary(results[i]!)}`);
  }
  const [g, d] = [combine(results[0]!.map((r) => r.load)), combine(direct.map((r) => r.load))];
  console.log(`\ngateway / direct throughput: ${ratio(results[0]!, direct)} (target ≥ 60%)`);
  if (baseline) console.log(`baseline gateway / direct:   ${ratio(results[1]!, direct)}`);
  console.log(`gateway p99 / direct p99:    ${(g.p99Ms / d.p99Ms).toFixed(2)}×\n`);
} finally {
  for (const service of services.reverse()) await service.stop();
  await db.drop();
}
