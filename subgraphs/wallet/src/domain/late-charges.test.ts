import { describe, expect, it } from '@jest/globals';
import { daysLate, lateChargesAt } from './late-charges.js';

const due = new Date('2027-01-15T00:00:00.000Z');
const at = (iso: string) => new Date(iso);

describe('daysLate', () => {
  it.each([
    ['2027-01-14T23:59:59.999Z', 0],
    ['2027-01-15T00:00:00.000Z', 0], // on the due instant: on time
    ['2027-01-15T00:00:00.001Z', 1], // a started day counts
    ['2027-01-16T00:00:00.000Z', 1],
    ['2027-01-16T00:00:00.001Z', 2],
    ['2027-02-14T00:00:00.000Z', 30],
  ])('paid at %s is %d days late', (paidAt, days) => {
    expect(daysLate(due, at(paidAt))).toBe(days);
  });
});

describe('lateChargesAt (2% fine + 1% a month pro rata die, each rounded half-up to the centavo)', () => {
  it('charges nothing on time', () => {
    expect(lateChargesAt(100_000n, due, at('2027-01-10T00:00:00Z'))).toEqual({ daysLate: 0, fine: 0n, interest: 0n });
  });

  it.each([
    // R$ 1,000.00, 10 days: fine 20.00; interest 1000 × 1% × 10/30 = 3.3333… → 3.33
    [100_000n, '2027-01-25T00:00:00Z', 10, 2_000n, 333n],
    // R$ 1,000.00, 30 days: exactly one month of interest
    [100_000n, '2027-02-14T00:00:00Z', 30, 2_000n, 1_000n],
    // R$ 1,000.00, 45 days: 1.5% → 15.00
    [100_000n, '2027-03-01T00:00:00Z', 45, 2_000n, 1_500n],
    // R$ 1,234.56, 1 day: fine 24.6912 → 24.69; interest 0.41152 → 0.41
    [123_456n, '2027-01-15T08:00:00Z', 1, 2_469n, 41n],
    // R$ 0.25, 5 days: fine 0.005 → 0.01 (half up); interest 0.0004166… → 0.00
    [25n, '2027-01-20T00:00:00Z', 5, 1n, 0n],
    // R$ 4.50, 20 days: interest 0.03 exactly; R$ 0.75 × 20 days: 0.005 → 0.01 (half up)
    [450n, '2027-02-04T00:00:00Z', 20, 9n, 3n],
    [75n, '2027-02-04T00:00:00Z', 20, 2n, 1n],
  ])('%p centavos paid at %s: %d days, fine %p, interest %p', (amount, paidAt, days, fine, interest) => {
    expect(lateChargesAt(amount, due, at(paidAt))).toEqual({ daysLate: days, fine, interest });
  });

  it('follows a configured policy', () => {
    const charges = lateChargesAt(100_000n, due, at('2027-01-25T00:00:00Z'), {
      fineBps: 1_000,
      monthlyInterestBps: 300,
    });
    expect(charges).toEqual({ daysLate: 10, fine: 10_000n, interest: 1_000n });
  });
});
