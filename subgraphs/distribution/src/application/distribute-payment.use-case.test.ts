import { describe, expect, it } from '@jest/globals';
import { EventArrivedEarlyError } from '@peerseed/shared';
import type { Identity } from '@peerseed/shared/domain';
import { InMemoryDistribution } from '../../test/fakes/in-memory-distribution.js';
import { DisbursementNotYetKnownError, DistributePayment } from './distribute-payment.use-case.js';
import { GetDistributions } from './get-distributions.use-case.js';
import { RecordDisbursement } from './record-disbursement.use-case.js';

const CPR = '00000000-0000-4000-8000-00000000c0c0';
const ISSUER = '00000000-0000-4000-8000-0000000015e1';
const ANA = '00000000-0000-4000-8000-000000000a0a';
const BRUNO = '00000000-0000-4000-8000-000000000b0b';
const at = new Date('2026-06-01T00:00:00.000Z');

function fixture(feeBps = 0) {
  const uow = new InMemoryDistribution();
  let next = 0;
  const distribute = new DistributePayment({
    uow,
    ids: { newId: () => `dist-${++next}` },
    clock: { now: () => at },
    feeBps,
  });
  const record = () =>
    new RecordDisbursement(uow).execute({ id: CPR, issuerId: ISSUER, fundedAmount: 100_000n, disbursedAt: at }, [
      { cprId: CPR, investmentId: 'inv-1', investorId: ANA, amount: 66_667n, investedAt: at },
      { cprId: CPR, investmentId: 'inv-2', investorId: BRUNO, amount: 33_333n, investedAt: at },
    ]);
  const payment = { paymentId: 'pay-1', cprId: CPR, issuerId: ISSUER, installmentNumber: 1, amount: 50_000n };
  return { uow, distribute, record, payment };
}

describe('DistributePayment', () => {
  it('splits a payment, stores it and announces it, once per payment', async () => {
    const f = fixture(100);
    await f.record();
    const d = await f.distribute.execute(f.payment);
    // fee 500; 49,500 split 66,667:33,333 → 33,000.17 / 16,499.83 → 33,000 / 16,500.
    expect(d?.lines).toEqual([
      { investorId: ANA, amount: 33_000n },
      { investorId: BRUNO, amount: 16_500n },
    ]);
    expect(d?.fee).toBe(500n);
    expect(await f.distribute.execute(f.payment)).toBeNull();
    expect(f.uow.state.distributions.size).toBe(1);
    expect(f.uow.state.events).toEqual([d]);
  });

  it('refuses to split before the disbursement is known, writing nothing, and succeeds after', async () => {
    const f = fixture();
    await expect(f.distribute.execute(f.payment)).rejects.toBeInstanceOf(DisbursementNotYetKnownError);
    // What makes the consumer retry it for minutes rather than dead-letter it after a few tries.
    await expect(f.distribute.execute(f.payment)).rejects.toBeInstanceOf(EventArrivedEarlyError);
    expect(f.uow.state.distributions.size).toBe(0);
    expect(f.uow.state.events).toHaveLength(0);
    await f.record();
    expect(await f.distribute.execute(f.payment)).not.toBeNull();
  });
});

describe('RecordDisbursement', () => {
  it('records a CPR once', async () => {
    const f = fixture();
    expect(await f.record()).toBe(true);
    expect(await f.record()).toBe(false);
    expect(f.uow.state.holdings).toHaveLength(2);
  });
});

describe('GetDistributions', () => {
  const viewer = (userId: string, role: Identity['role']): Identity => ({ userId, role, expiresAt: at });

  it('gives each viewer the lines they may read, and anonymous viewers nothing without a query', async () => {
    const f = fixture();
    await f.record();
    const d = (await f.distribute.execute(f.payment))!;
    const lines = async (who: Identity | null) =>
      (await new GetDistributions(f.uow, who).byIds([d.id])).map((v) => v.distribution.lines.map((l) => l.investorId));
    expect(await lines(viewer(ISSUER, 'PRODUCER'))).toEqual([[ANA, BRUNO]]);
    expect(await lines(viewer('admin', 'ADMIN'))).toEqual([[ANA, BRUNO]]);
    expect(await lines(viewer(BRUNO, 'INVESTOR'))).toEqual([[BRUNO]]);
    expect(await lines(viewer('stranger', 'INVESTOR'))).toEqual([[]]);
    const reads = f.uow.reads;
    expect(await lines(null)).toEqual([]);
    expect(f.uow.reads).toBe(reads);
  });
});
