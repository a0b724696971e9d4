/**
 * `npm run bench:marketplace`: a page of CPRs with issuer, funded amount and installments
 * through the gateway — requests per second, p50/p99, and SQL statements per request on
 * each subgraph, for pages of 5 and 20 (target: statements do not grow with the page).
 *
 * accounts, marketplace and the gateway run as their own processes on fresh databases
 * (TEST_DATABASE_URL); the load generator runs here. BENCH_SECONDS, BENCH_CONCURRENCY tune it.
 */
import { createTestDatabase, spawnService, type SpawnedService } from '@peerseed/shared/testing';
import { adminToken, gql, register } from './gql.js';
import { formatResult, runLoad } from './load.js';
import { OPEN_CPR_PAGE } from './open-cpr-page.js';
import { SIGN_IN_LIMIT_LIFTED } from '../gateway/test/support/sign-in-limit.js';

const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const concurrency = Number(process.env['BENCH_CONCURRENCY'] ?? 16);
const databases = [createTestDatabase('bench_accounts'), createTestDatabase('bench_market')];
const services: SpawnedService[] = [];
const day = 86_400_000;

async function statements(url: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  return Number(text.match(/^peerseed_sql_statements_total\S* (\d+)/m)?.[1] ?? NaN);
}

try {
  const accounts = await spawnService('subgraphs/accounts/src/main.ts', {
    env: { DATABASE_URL: databases[0]!.serverUrl, DATABASE_NAME: databases[0]!.dbName, PORT: '0' },
    tsconfig: 'subgraphs/accounts/tsconfig.json',
  });
  services.push(accounts);
  const jwks = new URL('/.well-known/jwks.json', accounts.url).toString();
  const marketplace = await spawnService('subgraphs/marketplace/src/main.ts', {
    env: {
      DATABASE_URL: databases[1]!.serverUrl,
      DATABASE_NAME: databases[1]!.dbName,
      PORT: '0',
      ACCOUNTS_JWKS_URL: jwks,
    },
    tsconfig: 'subgraphs/marketplace/tsconfig.json',
  });
  services.push(marketplace);
  const gateway = await spawnService('gateway/src/main.ts', {
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      ACCOUNTS_URL: accounts.url,
      MARKETPLACE_URL: marketplace.url,
      ACCOUNTS_JWKS_URL: jwks,
      ...SIGN_IN_LIMIT_LIFTED,
    },
    tsconfig: 'gateway/tsconfig.json',
  });
  services.push(gateway);

  const admin = await adminToken(gateway.url);
  const producers = await Promise.all([1, 2, 3, 4, 5].map((i) => register(gateway.url, 'PRODUCER', i)));
  const investor = await register(gateway.url, 'INVESTOR', 1);
  for (let i = 0; i < 40; i++) {
    const token = producers[i % producers.length]!;
    const input = {
      title: `Soja lote ${i}`,
      commodity: 'SOY',
      quantity: '1000',
      unit: 'SACA_60KG',
      targetAmount: '100000.00',
      minimumAmount: '70000.00',
      annualRate: '14.50',
      fundingDeadline: new Date(Date.now() + 60 * day).toISOString(),
      maturityDate: new Date(Date.now() + 400 * day).toISOString(),
      installmentCount: 12,
    };
    const id = (
      await gql(gateway.url, `mutation ($i: CreateCprInput!) { createCpr(input: $i) { id } }`, { i: input }, token)
    ).createCpr.id;
    await gql(gateway.url, `mutation ($id: ID!) { submitCpr(id: $id) { id } }`, { id }, token);
    await gql(gateway.url, `mutation ($id: ID!) { approveCpr(id: $id) { id } }`, { id }, admin);
  }

  console.log(
    `\nA page of OPEN CPRs with issuer, funded amount and installments, through the gateway; ${concurrency} clients, ${seconds} s\n`,
  );
  for (const first of [5, 20]) {
    const body = JSON.stringify({ query: OPEN_CPR_PAGE, variables: { first } });
    const load = () =>
      runLoad({ url: gateway.url, body, headers: { authorization: `Bearer ${investor}` }, concurrency, seconds });
    await runLoad({
      url: gateway.url,
      body,
      headers: { authorization: `Bearer ${investor}` },
      concurrency,
      seconds: 2,
    }); // warm-up
    const before = [await statements(accounts.url), await statements(marketplace.url)];
    const result = await load();
    const after = [await statements(accounts.url), await statements(marketplace.url)];
    const perRequest = (i: number) => ((after[i]! - before[i]!) / result.requests).toFixed(2);
    console.log(formatResult(`page of ${first}`, result));
    console.log(
      `${''.padEnd(28)} SQL statements per request: accounts ${perRequest(0)}, marketplace ${perRequest(1)}\n`,
    );
  }
} finally {
  for (const service of services.reverse()) await service.stop();
  await Promise.all(databases.map((db) => db.drop()));
}
