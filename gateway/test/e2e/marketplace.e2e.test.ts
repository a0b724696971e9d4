import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ApproveCprDocument,
  CprPageDocument,
  CreateCprDocument,
  SubmitCprDocument,
  type CprPageQuery,
  type CprPageQueryVariables,
  type CreateCprInput,
} from '../generated/graphql.js';
import { execute } from '../support/graphql-client.js';
import { startTestStack, type TestStack } from '../support/test-stack.js';
import { loginAdmin, metric, registerUser } from '../support/users.js';

const day = 86_400_000;
const offer = (title: string): CreateCprInput => ({
  title,
  commodity: 'COFFEE',
  quantity: '250',
  unit: 'SACA_60KG',
  targetAmount: '50000.00',
  minimumAmount: '40000.00',
  annualRate: '13.25',
  fundingDeadline: new Date(Date.now() + 60 * day).toISOString(),
  maturityDate: new Date(Date.now() + 400 * day).toISOString(),
  installmentCount: 6,
});

describe('marketplace through the gateway', () => {
  let stack: TestStack;
  let url: string;
  beforeAll(async () => {
    stack = await startTestStack();
    url = stack.gateway.url;
    const admin = await loginAdmin(url);
    const producers = await Promise.all([1, 2, 3, 4, 5].map((i) => registerUser(url, 'PRODUCER', `Fazenda ${i}`)));
    for (let i = 0; i < 50; i++) {
      const producer = producers[i % producers.length]!;
      const created = await execute(url, CreateCprDocument, { input: offer(`Café lote ${i}`) }, producer.token);
      const id = created.data!.createCpr.id;
      await execute(url, SubmitCprDocument, { id }, producer.token);
      await execute(url, ApproveCprDocument, { id }, admin.token);
    }
  }, 60_000);
  afterAll(async () => {
    await stack.stop();
  });

  it('resolves issuers from accounts with one query per subgraph per entity type, whatever the page size', async () => {
    const investor = await registerUser(url, 'INVESTOR');
    const statements = async () => ({
      accounts: await metric(stack.accounts.url, 'peerseed_sql_statements_total'),
      marketplace: await metric(stack.marketplace.url, 'peerseed_sql_statements_total'),
    });
    const cost = async (first: number) => {
      const before = await statements();
      const page = await execute(url, CprPageDocument, { first, filter: { status: 'OPEN' } }, investor.token);
      const after = await statements();
      expect(page.errors).toBeUndefined();
      expect(page.data!.cprs.edges).toHaveLength(first);
      expect(page.data!.cprs.edges.every((e) => e.node.issuer.name.startsWith('Fazenda'))).toBe(true);
      return {
        accounts: after.accounts - before.accounts,
        marketplace: after.marketplace - before.marketplace,
      };
    };
    const small = await cost(5);
    const large = await cost(50);
    expect(large).toEqual(small);
    expect(large.accounts).toBe(1); // one batched user lookup
    expect(large.marketplace).toBeLessThanOrEqual(3); // page, count, installments
  });

  it('pages with a stable cursor: no CPR twice, none skipped', async () => {
    const investor = await registerUser(url, 'INVESTOR');
    const seen: string[] = [];
    let after: string | null | undefined = undefined;
    for (;;) {
      const page: Awaited<ReturnType<typeof execute<CprPageQuery, CprPageQueryVariables>>> = await execute(
        url,
        CprPageDocument,
        { first: 20, after, filter: { status: 'OPEN' } },
        investor.token,
      );
      seen.push(...page.data!.cprs.edges.map((e) => e.node.id));
      if (!page.data!.cprs.pageInfo.hasNextPage) break;
      after = page.data!.cprs.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });
});
