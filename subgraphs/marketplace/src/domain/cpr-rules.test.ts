import { describe, expect, it } from '@jest/globals';
import { ConflictError, ValidationError } from '@peerseed/shared/domain';
import { canTransition } from './cpr-status.js';
import { assertValidTerms, DEFAULT_OFFER_RULES, outcomeAtDeadline, type Cpr } from './cpr.js';
import {
  assertCanInvest,
  assertCanWithdraw,
  cancelInvestment,
  DEFAULT_INVESTMENT_RULES,
  type Investment,
} from './investment.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const terms = {
  title: 'Soja safra 26/27',
  quantity: 10_000_000n,
  targetAmount: 3_000_000n,
  minimumAmount: 2_000_000n,
  annualRateBps: 1450,
  fundingDeadline: days(30),
  maturityDate: days(365),
  installmentCount: 12,
};
const openCpr = (overrides: Partial<Cpr> = {}): Cpr => ({
  ...terms,
  id: 'c1',
  code: 'CPR-SOY',
  issuerId: 'p1',
  commodity: 'SOY',
  unit: 'SACA_60KG',
  fundedAmount: 0n,
  pendingAmount: 0n,
  status: 'OPEN',
  createdAt: now,
  openedAt: now,
  disbursedAt: null,
  installments: [],
  ...overrides,
});

describe('offer terms (CVM Resolution 88)', () => {
  it('accepts a minimum of exactly 2/3 of the target and refuses less', () => {
    expect(() => assertValidTerms(terms, now, DEFAULT_OFFER_RULES)).not.toThrow();
    expect(() => assertValidTerms({ ...terms, minimumAmount: 1_999_999n }, now, DEFAULT_OFFER_RULES)).toThrow(/2\/3/);
  });

  it.each([
    [{ fundingDeadline: days(-1) }, 'fundingDeadline'],
    [{ fundingDeadline: days(181), maturityDate: days(400) }, 'fundingDeadline'],
    [{ maturityDate: days(10) }, 'maturityDate'],
    [{ installmentCount: 0 }, 'installmentCount'],
    [{ quantity: 0n }, 'quantity'],
    [{ minimumAmount: 3_000_001n }, 'minimumAmount'],
    [{ annualRateBps: 10_001 }, 'annualRate'],
    [{ title: 'x' }, 'title'],
    [{ targetAmount: 1_199n, minimumAmount: 1_199n, installmentCount: 12 }, 'minimumAmount'],
  ])('refuses %p', (change, field) => {
    const error = (() => {
      try {
        assertValidTerms({ ...terms, ...change }, now, DEFAULT_OFFER_RULES);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details['field']).toBe(field);
  });
});

describe('installments of at least R$ 1.00', () => {
  it('refuses a minimum below R$ 1.00 per installment, saying what it needs', () => {
    const tiny = { ...terms, targetAmount: 10n, minimumAmount: 10n, installmentCount: 60 };
    expect(() => assertValidTerms(tiny, now, DEFAULT_OFFER_RULES)).toThrow(
      'The minimum must be at least R$ 1.00 per installment: R$ 60.00 for 60 installments',
    );
  });

  it.each([
    [1_200n, 1_200n],
    [1_500n, 1_200n],
  ])(
    'accepts exactly R$ 1.00 per installment of the minimum, even with a larger target (target %s, minimum %s)',
    (targetAmount, minimumAmount) => {
      expect(() =>
        assertValidTerms({ ...terms, targetAmount, minimumAmount, installmentCount: 12 }, now, DEFAULT_OFFER_RULES),
      ).not.toThrow();
    },
  );
});

describe('the state machine', () => {
  it('allows the flow of design.md and nothing else', () => {
    expect(
      ['UNDER_REVIEW', 'OPEN', 'FUNDED', 'ACTIVE', 'SETTLED'].every((to, i, all) =>
        canTransition(['DRAFT', ...all][i] as never, to as never),
      ),
    ).toBe(true);
    expect(canTransition('DRAFT', 'OPEN')).toBe(false);
    expect(canTransition('SETTLED', 'ACTIVE')).toBe(false);
    expect(canTransition('CANCELLED', 'OPEN')).toBe(false);
  });

  it('funds an offer at its deadline when it reached the minimum, cancels it otherwise', () => {
    expect(outcomeAtDeadline(openCpr({ fundedAmount: 2_000_000n }))).toBe('FUNDED');
    expect(outcomeAtDeadline(openCpr({ fundedAmount: 1_999_999n }))).toBe('CANCELLED');
  });
});

describe('investing', () => {
  const rules = DEFAULT_INVESTMENT_RULES;
  it('refuses amounts over what is left, over the annual limit, or in an offer that is not OPEN', () => {
    expect(() =>
      assertCanInvest(openCpr({ fundedAmount: 2_900_000n, pendingAmount: 50_000n }), 60_000n, 0n, rules, now),
    ).toThrow(ConflictError);
    expect(() => assertCanInvest(openCpr(), 100_000n, 1_950_000n, rules, now)).toThrow(/annual limit/);
    expect(() => assertCanInvest(openCpr(), 50_000n, 1_950_000n, rules, now)).not.toThrow();
    expect(() => assertCanInvest(openCpr({ status: 'FUNDED' }), 1n, 0n, rules, now)).toThrow(/only OPEN/);
    expect(() => assertCanInvest(openCpr(), 0n, 0n, rules, now)).toThrow(ValidationError);
  });

  it('lets the investor withdraw within 5 days while the offer is OPEN', () => {
    const investment: Investment = {
      id: 'i1',
      cprId: 'c1',
      investorId: 'v1',
      amount: 1n,
      status: 'CONFIRMED',
      rejectionReason: null,
      createdAt: now,
      updatedAt: now,
    };
    expect(() => assertCanWithdraw(investment, openCpr(), 'v1', rules, days(4.9))).not.toThrow();
    expect(() => assertCanWithdraw(investment, openCpr(), 'v1', rules, days(5.1))).toThrow(/withdrawal period/);
    expect(() => assertCanWithdraw(investment, openCpr(), 'someone-else', rules, days(1))).toThrow(/Only the investor/);
    expect(() => assertCanWithdraw(investment, openCpr({ status: 'FUNDED' }), 'v1', rules, days(1))).toThrow(/OPEN/);
  });

  it('cancels an investment by taking its amount off what it held: pending while PENDING, funded once CONFIRMED', () => {
    const investment = (status: Investment['status']): Investment => ({
      id: 'i1',
      cprId: 'c1',
      investorId: 'v1',
      amount: 100n,
      status,
      rejectionReason: null,
      createdAt: now,
      updatedAt: now,
    });
    const later = days(1);
    for (const [status, held] of [
      ['PENDING', { pendingAmount: 900n, fundedAmount: 1_000n }],
      ['CONFIRMED', { pendingAmount: 1_000n, fundedAmount: 900n }],
    ] as const) {
      const cpr = openCpr({ pendingAmount: 1_000n, fundedAmount: 1_000n });
      const cancelled = investment(status);
      cancelInvestment(cancelled, cpr, later);
      expect({ pendingAmount: cpr.pendingAmount, fundedAmount: cpr.fundedAmount }).toEqual(held);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', updatedAt: later });
    }
    const cpr = openCpr({ pendingAmount: 1_000n });
    expect(() => cancelInvestment(investment('REJECTED'), cpr, later)).toThrow(ConflictError);
    expect(cpr.pendingAmount).toBe(1_000n);
  });
});
