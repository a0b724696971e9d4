import { describe, expect, it } from '@jest/globals';
import { periodicRate, priceSchedule } from './installment-schedule.js';

const start = new Date('2026-01-01T00:00:00.000Z');
const oneYearLater = new Date('2027-01-01T00:00:00.000Z');

describe('Price (French) schedule', () => {
  it('splits a zero-rate loan into equal installments, the last absorbing the odd centavos', () => {
    const schedule = priceSchedule(100_000n, 0, 3, start, oneYearLater);
    expect(schedule.map((i) => i.amount)).toEqual([33_333n, 33_333n, 33_334n]);
    expect(schedule.at(-1)!.dueDate).toEqual(oneYearLater);
  });

  it('matches the textbook payment: R$ 10.000,00 at 12% a year in 12 monthly-ish installments', () => {
    const schedule = priceSchedule(1_000_000n, 1200, 12, start, oneYearLater);
    // Effective monthly rate i = 1.12^(1/12) − 1; PMT = P·i / (1 − 1.12^−1) = R$ 885,62.
    const i = 1.12 ** (1 / 12) - 1;
    expect(Number(schedule[0]!.amount)).toBe(Math.round((1_000_000 * i) / (1 - 1 / 1.12)));
    const equal = schedule.slice(0, -1).map((i) => i.amount);
    expect(new Set(equal).size).toBe(1);
    // The last one differs from the others by rounding only.
    expect(Math.abs(Number(schedule.at(-1)!.amount - schedule[0]!.amount))).toBeLessThanOrEqual(12);
    const total = schedule.reduce((sum, i) => sum + i.amount, 0n);
    expect(total).toBeGreaterThan(1_000_000n);
  });

  it('spaces due dates evenly up to the maturity date, all PENDING', () => {
    const schedule = priceSchedule(50_000n, 1450, 4, start, oneYearLater);
    expect(schedule.map((i) => i.number)).toEqual([1, 2, 3, 4]);
    const gaps = schedule.slice(1).map((i, k) => i.dueDate.getTime() - schedule[k]!.dueDate.getTime());
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(86_400_000);
    expect(schedule.every((i) => i.status === 'PENDING' && i.paidAt === null)).toBe(true);
  });

  it('compounds the annual rate exactly over a year: (1 + a)^(365/365) − 1 = a', () => {
    const rate = periodicRate(1450, 365);
    expect(Number(rate) / 1e18).toBeCloseTo(0.145, 9);
    expect(Number(periodicRate(1200, 365 / 12)) / 1e18).toBeCloseTo(1.12 ** (1 / 12) - 1, 9);
  });

  it('never leaves the last installment below the others, even at 100% a year over ten years', () => {
    const tenYearsLater = new Date(start.getTime() + 3_652 * 86_400_000);
    for (const [principal, count] of [
      [5_600n, 56],
      [6_000n, 60],
      [100n, 1],
      [1_000_000n, 60],
    ] as const) {
      const amounts = priceSchedule(principal, 10_000, count, start, tenYearsLater).map((i) => i.amount);
      expect(amounts.slice(0, -1).every((amount) => amount > 0n && amount <= amounts.at(-1)!)).toBe(true);
      expect(amounts.at(-1)! > 0n).toBe(true);
    }
  });

  it('leaves no installment at zero once the principal is at least R$ 1.00 per installment (the least the terms allow)', () => {
    expect(priceSchedule(10n, 1450, 60, start, oneYearLater).some((i) => i.amount === 0n)).toBe(true);
    // Up to the highest rate the terms allow (100% a year) and long maturities (the terms set no
    // maximum): there, half-up rounding of the payment compounds and drives the last one below zero.
    for (const rate of [0, 1450, 5000, 10_000])
      for (const years of [1, 2, 5, 10, 30])
        for (let count = 1; count <= 60; count++) {
          const maturity = new Date(start.getTime() + years * 365 * 86_400_000);
          const schedule = priceSchedule(100n * BigInt(count), rate, count, start, maturity);
          expect(schedule.every((i) => i.amount > 0n)).toBe(true);
        }
  });
});
