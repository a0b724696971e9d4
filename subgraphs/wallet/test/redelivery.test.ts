import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MarketplaceEvents, WalletEvents } from '@peerseed/shared';
import { AckLosingTransport } from '@peerseed/shared/testing';
import { completedDistribution, disbursedCpr } from './support/cpr-flow.js';
import { balance, fund, HEALTHY_LEDGER, ledgerInvariants, outboxed } from './support/ledger-helpers.js';
import { eventually, investor, startTestWallet, type TestWallet } from './support/test-wallet.js';

// Every event this wallet consumes is delivered twice with the same id (the first ack is lost).
describe('redelivered events move no money twice (real PostgreSQL and JetStream)', () => {
  let wallet: TestWallet;
  let transport!: AckLosingTransport;
  beforeAll(async () => {
    wallet = await startTestWallet({ wrapTransport: (inner) => (transport = new AckLosingTransport(inner)) });
  });
  afterAll(async () => {
    await wallet.stop();
  });

  const redelivered = (eventId: string) =>
    eventually(async () => transport.redelivered.has(eventId), `redelivery of ${eventId}`);
  const count = async (query: string, params: unknown[]) =>
    Number((await wallet.sql<{ n: string }>(query, params))[0]!.n);

  it('marketplace.investment.requested', async () => {
    const ana = investor();
    await fund(wallet, ana, '100');
    const investmentId = randomUUID();
    const id = await wallet.publish(MarketplaceEvents.InvestmentRequested, investmentId, {
      investmentId,
      cprId: randomUUID(),
      investorId: ana.id,
      amount: '4000',
    });
    await redelivered(id);
    expect(await balance(wallet, `available:${ana.id}`)).toBe(6_000n);
    expect(await balance(wallet, `escrow:${investmentId}`)).toBe(4_000n);
    const answers = (await outboxed(wallet, WalletEvents.FundsReserved.subject)).filter(
      (e) => e['investmentId'] === investmentId,
    );
    expect(answers).toHaveLength(1);
  });

  it('marketplace.cpr.disbursed and distribution.distribution.completed', async () => {
    const cpr = await disbursedCpr(wallet); // waits for the first handling only
    const disbursed = (
      await wallet.sql<{ event_id: string }>(
        `select event_id from inbox_events where consumer = 'wallet-disburse-on-cpr-disbursed'`,
      )
    )[0]!.event_id;
    await redelivered(disbursed);
    expect(await balance(wallet, `available:${cpr.issuer.id}`)).toBe(97_000n);
    expect(await count(`select count(*) as n from ledger_transactions where kind = 'DISBURSEMENT'`, [])).toBe(1);

    const paid = await wallet.graphql(
      'mutation ($c: ID!) { payInstallment(cprId: $c, number: 1) { id } }',
      { c: cpr.cprId },
      cpr.issuer,
    );
    const { contract, data } = completedDistribution(cpr, {
      id: paid.data.payInstallment.id,
      amount: 50_000n,
      number: 1,
    });
    const completed = await wallet.publish(contract, data.distributionId, data);
    await redelivered(completed);
    expect(await balance(wallet, `available:${cpr.holders[0]!.who.id}`)).toBe(30_000n);
    expect(await balance(wallet, `available:${cpr.holders[1]!.who.id}`)).toBe(20_000n);
    expect(await outboxed(wallet, WalletEvents.DistributionCredited.subject)).toHaveLength(1);
    expect(await ledgerInvariants(wallet)).toEqual(HEALTHY_LEDGER);
  });

  it('counts the redeliveries as duplicates at /metrics', async () => {
    const metrics = await (await fetch(new URL('/metrics', wallet.url))).text();
    for (const consumer of ['reserve-funds-on-investment-requested', 'disburse-on-cpr-disbursed']) {
      expect(metrics).toMatch(
        new RegExp(
          `^peerseed_events_handled_total\\{[^}]*consumer="wallet-${consumer}"[^}]*outcome="duplicate"[^}]*\\} [1-9]`,
          'm',
        ),
      );
    }
  });
});
