import { describe, expect, it } from '@jest/globals';
import {
  ConflictError,
  ForbiddenError,
  InsufficientFundsError,
  NotFoundError,
  ValidationError,
} from '@peerseed/shared/domain';
import { uuid } from '../../test/fakes/in-memory-wallet.js';
import { ANA, BRUNO, CPR, ISSUER, walletFixture } from '../../test/fakes/wallet-fixture.js';

/** ANA and BRUNO invest R$ 600 and R$ 400 in CPR; one installment of R$ 500 due 2027-01-15. */
async function disbursed(fixture = walletFixture()) {
  await fixture.fund(ANA, '600');
  await fixture.fund(BRUNO, '400');
  await fixture.invest(1, ANA, 60_000n);
  await fixture.invest(2, BRUNO, 40_000n);
  await fixture.disburse.execute(
    fixture.disbursement([
      [1, ANA, 60_000n],
      [2, BRUNO, 40_000n],
    ]),
  );
  return fixture;
}

describe('DisburseCpr', () => {
  it('moves the escrow to the issuer minus the fee, once', async () => {
    const f = await disbursed();
    expect(f.wallet.balance(`available:${ISSUER}`)).toBe(97_000n);
    expect(f.wallet.balance('system:FEES')).toBe(3_000n);
    expect(f.wallet.balance(`escrow:${uuid(101)}`)).toBe(0n);
    expect(
      await f.disburse.execute(
        f.disbursement([
          [1, ANA, 60_000n],
          [2, BRUNO, 40_000n],
        ]),
      ),
    ).toBeNull();
    expect(f.wallet.balance(`available:${ISSUER}`)).toBe(97_000n);
    expect(f.wallet.db.reservations.get(uuid(101))?.status).toBe('DISBURSED');
    expect(f.wallet.ledgerSum()).toBe(0n);
  });

  it('refuses an escrow that does not hold its holding, moving nothing', async () => {
    const f = walletFixture();
    await f.fund(ANA, '600');
    await f.invest(1, ANA, 50_000n);
    await expect(f.disburse.execute(f.disbursement([[1, ANA, 60_000n]]))).rejects.toBeInstanceOf(
      InsufficientFundsError,
    );
    expect(f.wallet.balance(`escrow:${uuid(101)}`)).toBe(50_000n);
    expect(f.wallet.db.cprs.size).toBe(0);
  });
});

describe('PayInstallment', () => {
  it('debits the issuer into CLEARING and confirms the payment', async () => {
    const f = await disbursed();
    const payment = await f.pay.execute(ISSUER, CPR, 1);
    expect(payment).toMatchObject({ amount: 50_000n, status: 'CONFIRMED', installmentNumber: 1 });
    expect(f.wallet.balance(`available:${ISSUER}`)).toBe(47_000n);
    expect(f.wallet.balance('system:CLEARING')).toBe(50_000n);
    expect(f.wallet.db.events.at(-1)).toEqual({
      type: 'PaymentConfirmed',
      paymentId: payment.id,
      amount: 50_000n,
      issuerId: ISSUER,
    });
  });

  it('adds the late charges to a late installment', async () => {
    const f = await disbursed();
    f.clock.set('2027-01-25T00:00:00.000Z'); // 10 days late: 2% + 1% × 10/30
    const payment = await f.pay.execute(ISSUER, CPR, 1);
    expect(payment).toMatchObject({
      installmentAmount: 50_000n,
      lateFine: 1_000n,
      lateInterest: 167n,
      amount: 51_167n,
    });
    expect(f.wallet.balance(`available:${ISSUER}`)).toBe(97_000n - 51_167n);
  });

  it.each([
    ['someone else pays', ANA, CPR, 1, ForbiddenError],
    ['an unknown CPR', ISSUER, uuid(999), 1, NotFoundError],
    ['a malformed CPR id', ISSUER, 'cpr-1', 1, NotFoundError],
    ['an installment not in the schedule', ISSUER, CPR, 2, NotFoundError],
    ['installment 0', ISSUER, CPR, 0, ValidationError],
  ])('refuses when %s, moving nothing', async (_what, payer, cprId, number, error) => {
    const f = await disbursed();
    const before = structuredClone(f.wallet.db.accounts);
    await expect(f.pay.execute(payer, cprId, number)).rejects.toBeInstanceOf(error);
    expect(f.wallet.db.accounts).toEqual(before);
    expect(f.wallet.db.payments.size).toBe(0);
  });

  it('refuses a second payment and a payment the issuer cannot afford', async () => {
    const f = await disbursed();
    await f.pay.execute(ISSUER, CPR, 1);
    await expect(f.pay.execute(ISSUER, CPR, 1)).rejects.toBeInstanceOf(ConflictError);
    const g = walletFixture();
    await g.fund(ANA, '1000');
    await g.invest(1, ANA, 100_000n);
    await g.disburse.execute(g.disbursement([[1, ANA, 100_000n]], [['2027-01-15T00:00:00.000Z', 97_001n]]));
    await expect(g.pay.execute(ISSUER, CPR, 1)).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(g.wallet.db.payments.size).toBe(0);
    expect(g.wallet.balance(`available:${ISSUER}`)).toBe(97_000n);
  });
});

describe('CreditDistribution', () => {
  it('credits each investor and FEES from CLEARING, once', async () => {
    const f = await disbursed();
    const payment = await f.pay.execute(ISSUER, CPR, 1);
    const distribution = {
      distributionId: uuid(500),
      paymentId: payment.id,
      cprId: CPR,
      installmentNumber: 1,
      total: 50_000n,
      fee: 0n,
      lines: [
        { investorId: ANA, amount: 30_000n },
        { investorId: BRUNO, amount: 20_000n },
      ],
    };
    expect(await f.credit.execute(distribution)).toBe(true);
    expect(await f.credit.execute(distribution)).toBe(false);
    expect([f.wallet.balance(`available:${ANA}`), f.wallet.balance(`available:${BRUNO}`)]).toEqual([30_000n, 20_000n]);
    expect(f.wallet.balance('system:CLEARING')).toBe(0n);
    expect(f.wallet.db.events.filter((e) => e.type === 'DistributionCredited')).toHaveLength(1);
    expect(f.wallet.ledgerSum()).toBe(0n);
  });
});

describe('GetPayments and GetStatement', () => {
  it('shows a payment to the issuer, the holders and ADMINs only', async () => {
    const f = await disbursed();
    const { id } = await f.pay.execute(ISSUER, CPR, 1);
    const as = (userId: string, role: 'INVESTOR' | 'PRODUCER' | 'ADMIN' = 'INVESTOR') => ({
      userId,
      role,
      expiresAt: new Date(),
    });
    for (const viewer of [as(ISSUER, 'PRODUCER'), as(ANA), as(uuid(77), 'ADMIN')]) {
      expect(await f.payments.visibleByIds(viewer, [id])).toHaveLength(1);
    }
    expect(await f.payments.visibleByIds(as(uuid(78)), [id])).toEqual([]);
    expect(await f.payments.visibleByIds(null, [id])).toEqual([]);
  });

  it('pages a statement newest first with stable cursors', async () => {
    const f = await disbursed();
    const first = await f.statement.execute(ANA, 1, null);
    expect(first.lines.map((l) => l.line.kind)).toEqual(['DISBURSEMENT']);
    expect(first.lines[0]!.line).toMatchObject({ available: 0n, escrowed: -60_000n });
    const rest = await f.statement.execute(ANA, 10, first.lines[0]!.cursor);
    expect(rest.lines.map((l) => l.line.kind)).toEqual(['RESERVATION', 'DEPOSIT']);
    expect(rest.hasNextPage).toBe(false);
    await expect(f.statement.execute(ANA, 10, 'garbage')).rejects.toBeInstanceOf(ValidationError);
    await expect(f.statement.execute(ANA, 101, null)).rejects.toBeInstanceOf(ValidationError);
  });
});
