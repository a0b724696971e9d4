import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { WalletEvents } from '@peerseed/shared';
import { balance, fund, HEALTHY_LEDGER, ledgerInvariants, outboxed, walletOf } from './support/ledger-helpers.js';
import { admin, errorCode, investor, startTestWallet, type TestWallet } from './support/test-wallet.js';

const REQUEST =
  'mutation ($a: Decimal!) { requestDeposit(amount: $a) { id status amount { amount currency } createdAt } }';
const CONFIRM = 'mutation ($id: ID!) { confirmDeposit(id: $id) { id status amount { amount } } }';
const STATEMENT = `query ($first: Int, $after: String) { myStatement(first: $first, after: $after) {
  edges { cursor node { id kind availableChange { amount } escrowedChange { amount } reference cpr { id } createdAt } }
  pageInfo { hasNextPage endCursor } } }`;

describe('deposits, wallet and statement (real PostgreSQL and JetStream)', () => {
  let wallet: TestWallet;
  beforeAll(async () => {
    wallet = await startTestWallet();
  });
  afterAll(async () => {
    await wallet.stop();
  });

  it('requests a deposit (PENDING) and credits it once an ADMIN confirms, publishing wallet.deposit.confirmed', async () => {
    const ana = investor();
    const requested = await wallet.graphql(REQUEST, { a: '1234.5' }, ana);
    expect(requested.data.requestDeposit).toMatchObject({
      status: 'PENDING',
      amount: { amount: '1234.50', currency: 'BRL' },
    });
    expect(await walletOf(wallet, ana)).toEqual({ available: '0.00', escrowed: '0.00' });

    const id = requested.data.requestDeposit.id as string;
    const confirmed = await wallet.graphql(CONFIRM, { id }, admin());
    expect(confirmed.data.confirmDeposit).toEqual({ id, status: 'CONFIRMED', amount: { amount: '1234.50' } });
    expect(await walletOf(wallet, ana)).toEqual({ available: '1234.50', escrowed: '0.00' });

    const again = await wallet.graphql(CONFIRM, { id }, admin());
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await walletOf(wallet, ana)).toEqual({ available: '1234.50', escrowed: '0.00' });
    expect(await outboxed(wallet, WalletEvents.DepositConfirmed.subject)).toEqual([
      { depositId: id, ownerId: ana.id, amount: '123450' },
    ]);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('lets only an ADMIN confirm, and only signed-in users use the wallet', async () => {
    const ana = investor();
    const { data } = await wallet.graphql(REQUEST, { a: '10' }, ana);
    expect(errorCode(await wallet.graphql(CONFIRM, { id: data.requestDeposit.id }, ana))).toBe('FORBIDDEN');
    expect(errorCode(await wallet.graphql(CONFIRM, { id: data.requestDeposit.id }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await wallet.graphql('{ myWallet { available { amount } } }'))).toBe('UNAUTHENTICATED');
    expect(errorCode(await wallet.graphql(REQUEST, { a: '10' }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await wallet.graphql(CONFIRM, { id: 'nope' }, admin()))).toBe('NOT_FOUND');
    expect(errorCode(await wallet.graphql(CONFIRM, { id: crypto.randomUUID() }, admin()))).toBe('NOT_FOUND');
  });

  it.each(['-10.00', '0', '0.00', '10.001', 'ten', '1e3', '1,50', ''])(
    'refuses the amount %p with BAD_USER_INPUT and writes nothing',
    async (amount) => {
      const [before] = await wallet.sql<{ n: string }>('select count(*) as n from deposits');
      const result = await wallet.graphql(REQUEST, { a: amount }, investor());
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      const [after] = await wallet.sql<{ n: string }>('select count(*) as n from deposits');
      expect(after!.n).toBe(before!.n);
    },
  );

  it('confirms concurrent confirmations of one deposit once', async () => {
    const bia = investor();
    const { data } = await wallet.graphql(REQUEST, { a: '50' }, bia);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => wallet.graphql(CONFIRM, { id: data.requestDeposit.id }, admin())),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(7);
    expect(await balance(wallet, `available:${bia.id}`)).toBe(5_000n);
  });

  it('pages the statement newest first with stable cursors', async () => {
    const caio = investor();
    for (const amount of ['1', '2', '3', '4', '5']) await fund(wallet, caio, amount);
    const first = await wallet.graphql(STATEMENT, { first: 2 }, caio);
    expect(first.data.myStatement.edges.map((e: any) => e.node.availableChange.amount)).toEqual(['5.00', '4.00']);
    expect(first.data.myStatement.edges[0].node).toMatchObject({
      kind: 'DEPOSIT',
      escrowedChange: { amount: '0.00' },
      cpr: null,
    });
    expect(first.data.myStatement.pageInfo.hasNextPage).toBe(true);
    await fund(wallet, caio, '6'); // a newer movement shifts nothing in the pages after the cursor
    const second = await wallet.graphql(
      STATEMENT,
      { first: 10, after: first.data.myStatement.pageInfo.endCursor },
      caio,
    );
    expect(second.data.myStatement.edges.map((e: any) => e.node.availableChange.amount)).toEqual([
      '3.00',
      '2.00',
      '1.00',
    ]);
    expect(second.data.myStatement.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: second.data.myStatement.edges[2].cursor,
    });
    expect(errorCode(await wallet.graphql(STATEMENT, { after: 'garbage' }, caio))).toBe('BAD_USER_INPUT');
    expect(errorCode(await wallet.graphql(STATEMENT, { first: 1000 }, caio))).toBe('BAD_USER_INPUT');
  });

  it("answers the wallet's owner as a User reference", async () => {
    const dani = investor();
    const result = await wallet.graphql('{ myWallet { owner { id } } }', {}, dani);
    expect(result.data.myWallet.owner).toEqual({ id: dani.id });
  });
});
