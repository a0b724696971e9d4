import { describe, expect, it } from '@jest/globals';
import { CPR, holdingsOf, id, ISSUER, plan, T0 } from '../../test/fakes/split-builders.js';
import { PaymentMismatchError, planDistribution, type ConfirmedPayment } from './distribution.js';
import { InconsistentHoldingsError, type DisbursedCpr } from './holding.js';

const amounts = (d: ReturnType<typeof plan>) => d.lines.map((line) => [line.investorId, line.amount]);

describe('planDistribution', () => {
  it('splits pro rata by amount held', () => {
    const d = plan(
      holdingsOf([
        [1, 60_000n, 0],
        [2, 40_000n, 1],
      ]),
      50_000n,
    );
    expect(amounts(d)).toEqual([
      [id(1), 30_000n],
      [id(2), 20_000n],
    ]);
    expect(d).toMatchObject({ total: 50_000n, fee: 0n, paymentId: id(9), cprId: CPR, installmentNumber: 1 });
  });

  it('gives the odd centavos by largest remainder, ties to the earlier investment', () => {
    // R$ 1.00 among three equal holders: 33.33… each, one centavo left for the earliest.
    const d = plan(
      holdingsOf([
        [1, 500n, 2],
        [2, 500n, 0],
        [3, 500n, 1],
      ]),
      100n,
    );
    expect(amounts(d)).toEqual([
      [id(2), 34n],
      [id(3), 33n],
      [id(1), 33n],
    ]);
  });

  it('breaks a tie of the same instant by the lower investment id', () => {
    const d = plan(
      holdingsOf([
        [1, 500n, 0, 7],
        [2, 500n, 0, 3],
      ]),
      1n,
    );
    expect(amounts(d)).toEqual([
      [id(2), 1n],
      [id(1), 0n],
    ]);
  });

  it('gives the whole net amount to a single investor', () => {
    expect(amounts(plan(holdingsOf([[1, 100_000n, 0]]), 51_167n))).toEqual([[id(1), 51_167n]]);
  });

  it('aggregates an investor’s holdings into one line, tied by their earliest investment', () => {
    // Investor 1 invested on days 5 and 0 (R$ 1 + R$ 1), investor 2 on day 1 (R$ 2): equal
    // stakes, 3 centavos → 1.5 each; investor 1's earliest investment (day 0) wins the odd one.
    const d = plan(
      holdingsOf([
        [1, 100n, 5],
        [2, 200n, 1],
        [1, 100n, 0],
      ]),
      3n,
    );
    expect(amounts(d)).toEqual([
      [id(1), 2n],
      [id(2), 1n],
    ]);
  });

  it('takes the fee first, rounded half-up, and splits what is left', () => {
    // 1% of 12,350 = 123.5 → 124; 12,226 split 2:1 → 8,150.67 / 4,075.33.
    const d = plan(
      holdingsOf([
        [1, 2_000n, 0],
        [2, 1_000n, 1],
      ]),
      12_350n,
      100,
    );
    expect(d.fee).toBe(124n);
    expect(amounts(d)).toEqual([
      [id(1), 8_151n],
      [id(2), 4_075n],
    ]);
  });

  it('splits among many investors exactly, odd centavos included', () => {
    const rows = Array.from({ length: 997 }, (_, i): [number, bigint, number] => [
      i + 1,
      BigInt(1_000 + i * 37),
      i % 11,
    ]);
    const d = plan(holdingsOf(rows), 1_000_003n, 37);
    expect(d.lines).toHaveLength(997);
    expect(d.lines.reduce((sum, line) => sum + line.amount, 0n) + d.fee).toBe(1_000_003n);
  });

  it('refuses a payment of another CPR or issuer, and holdings that do not add up', () => {
    const holdings = holdingsOf([[1, 100n, 0]]);
    const cpr: DisbursedCpr = { id: CPR, issuerId: ISSUER, fundedAmount: 100n, disbursedAt: new Date(T0) };
    const payment: ConfirmedPayment = {
      paymentId: id(9),
      cprId: CPR,
      issuerId: ISSUER,
      installmentNumber: 1,
      amount: 5n,
    };
    const attempt =
      (p: Partial<ConfirmedPayment>, c: Partial<DisbursedCpr> = {}) =>
      () =>
        planDistribution({
          id: id(8),
          payment: { ...payment, ...p },
          cpr: { ...cpr, ...c },
          holdings,
          feeBps: 0,
          at: new Date(),
        });
    expect(attempt({ cprId: id(77) })).toThrow(PaymentMismatchError);
    expect(attempt({ issuerId: id(77) })).toThrow(PaymentMismatchError);
    expect(attempt({ amount: 0n })).toThrow(PaymentMismatchError);
    expect(attempt({}, { fundedAmount: 101n })).toThrow(InconsistentHoldingsError);
    expect(attempt({})).not.toThrow();
  });
});
