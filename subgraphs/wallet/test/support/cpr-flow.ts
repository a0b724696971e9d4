import { randomUUID } from 'node:crypto';
import { DistributionEvents, MarketplaceEvents, type EventData } from '@peerseed/shared';
import { fund, handled } from './ledger-helpers.js';
import { eventually, investor, producer, type Caller, type TestWallet } from './test-wallet.js';

export interface DisbursedCpr {
  cprId: string;
  issuer: Caller;
  holders: { who: Caller; investmentId: string; amount: bigint }[];
  fundedAmount: bigint;
  /** The `marketplace.cpr.disbursed` data, to publish again. */
  event: EventData<typeof MarketplaceEvents.CprDisbursed>;
}

const DAY = 86_400_000;

/**
 * Marketplace's side of a CPR up to disbursement: each holder deposits and invests (the
 * wallet escrows it), then `marketplace.cpr.disbursed` arrives and the wallet handles it.
 * Installments are due `dueInDays` from now (real time), R$ `installment` each.
 */
export async function disbursedCpr(
  wallet: TestWallet,
  options: { holdings?: bigint[]; installments?: { dueInDays: number; amount: bigint }[] } = {},
): Promise<DisbursedCpr> {
  const cprId = randomUUID();
  const issuer = producer();
  const holders = (options.holdings ?? [60_000n, 40_000n]).map((amount) => ({
    who: investor(),
    investmentId: randomUUID(),
    amount,
  }));
  for (const h of holders) {
    await fund(wallet, h.who, (Number(h.amount) / 100).toFixed(2));
    await wallet.publish(MarketplaceEvents.InvestmentRequested, h.investmentId, {
      investmentId: h.investmentId,
      cprId,
      investorId: h.who.id,
      amount: h.amount.toString(),
    });
  }
  await eventually(async () => {
    const rows = await wallet.sql(`select 1 from reservations where cpr_id = ? and status = 'RESERVED'`, [cprId]);
    return rows.length === holders.length;
  }, 'reservations');
  const fundedAmount = holders.reduce((sum, h) => sum + h.amount, 0n);
  const installments = options.installments ?? [
    { dueInDays: 30, amount: 50_000n },
    { dueInDays: 60, amount: 50_000n },
  ];
  const event: DisbursedCpr['event'] = {
    cprId,
    issuerId: issuer.id,
    fundedAmount: fundedAmount.toString(),
    holdings: holders.map((h) => ({
      investmentId: h.investmentId,
      investorId: h.who.id,
      amount: h.amount.toString(),
      investedAt: new Date().toISOString(),
    })),
    installments: installments.map((i, n) => ({
      number: n + 1,
      dueDate: new Date(Date.now() + i.dueInDays * DAY).toISOString(),
      amount: i.amount.toString(),
    })),
  };
  const id = await wallet.publish(MarketplaceEvents.CprDisbursed, cprId, event);
  await handled(wallet, 'disburse-on-cpr-disbursed', id);
  return { cprId, issuer, holders, fundedAmount, event };
}

/** Distribution's side: the split of a payment among the holders (pro rata, last absorbs the rest). */
export function completedDistribution(
  cpr: DisbursedCpr,
  payment: { id: string; amount: bigint; number: number },
  fee = 0n,
) {
  const net = payment.amount - fee;
  const lines = cpr.holders.map((h) => ({ investorId: h.who.id, amount: (net * h.amount) / cpr.fundedAmount }));
  const rest = net - lines.reduce((sum, l) => sum + l.amount, 0n);
  lines[lines.length - 1]!.amount += rest;
  return {
    contract: DistributionEvents.DistributionCompleted,
    data: {
      distributionId: randomUUID(),
      paymentId: payment.id,
      cprId: cpr.cprId,
      installmentNumber: payment.number,
      total: payment.amount.toString(),
      fee: fee.toString(),
      lines: lines.map((l) => ({ investorId: l.investorId, amount: l.amount.toString() })),
    },
  };
}
