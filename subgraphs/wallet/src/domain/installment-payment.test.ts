import { describe, expect, it } from '@jest/globals';
import { ConflictError, ForbiddenError, NotFoundError } from '@peerseed/shared/domain';
import { planInstallmentPayment, type InstallmentPaymentRequest } from './installment-payment.js';
import { DEFAULT_LATE_CHARGE_POLICY } from './late-charges.js';

const request: InstallmentPaymentRequest = {
  cprId: 'cpr',
  number: 1,
  payerId: 'issuer',
  cpr: {
    id: 'cpr',
    issuerId: 'issuer',
    status: 'ACTIVE',
    fundedAmount: 100_000n,
    originationFee: 3_000n,
    updatedAt: new Date(),
  },
  installment: { cprId: 'cpr', number: 1, dueDate: new Date('2027-01-15T00:00:00Z'), amount: 100_000n },
  alreadyPaid: false,
  at: new Date('2027-01-10T00:00:00Z'),
  policy: DEFAULT_LATE_CHARGE_POLICY,
};

describe('planInstallmentPayment', () => {
  it('costs the installment when on time, plus charges when late', () => {
    expect(planInstallmentPayment(request)).toMatchObject({ amount: 100_000n, lateFine: 0n, lateInterest: 0n });
    expect(planInstallmentPayment({ ...request, at: new Date('2027-01-25T00:00:00Z') })).toMatchObject({
      amount: 102_333n,
      lateFine: 2_000n,
      lateInterest: 333n,
      daysLate: 10,
    });
  });

  it.each([
    ['an unknown CPR', { cpr: null }, NotFoundError],
    ["someone else's CPR", { payerId: 'intruder' }, ForbiddenError],
    ['a cancelled CPR', { cpr: { ...request.cpr!, status: 'CANCELLED' as const } }, ConflictError],
    ['an installment not in the schedule', { installment: null }, NotFoundError],
    ['an installment already paid', { alreadyPaid: true }, ConflictError],
  ])('refuses %s', (_what, change, error) => {
    expect(() => planInstallmentPayment({ ...request, ...change })).toThrow(error);
  });

  it('tells an intruder nothing about the installments (FORBIDDEN comes first)', () => {
    expect(() => planInstallmentPayment({ ...request, payerId: 'intruder', alreadyPaid: true })).toThrow(
      ForbiddenError,
    );
  });
});
