import { describe, expect, it } from '@jest/globals';
import { disburse, DisbursementMismatchError } from './disbursement.js';
import { distributionPostings, DistributionMismatchError } from './distribution-credit.js';

const holding = (investmentId: string, investorId: string, amount: bigint) => ({
  cprId: 'cpr',
  investmentId,
  investorId,
  amount,
});

describe('disburse: origination fee rounded half-up to the centavo', () => {
  it.each([
    [100_000_00n, 300, 3_000_00n], // R$ 100,000.00 × 3% = R$ 3,000.00
    [1_234_57n, 300, 37_04n], // 3,703.71 centavos → 3,704 (R$ 37.04)
    [50n, 300, 2n], // 1.5 centavos → 2 (half up)
    [49n, 300, 1n], // 1.47 centavos → 1
    [100_000n, 0, 0n], // no fee
  ])('%p centavos at %d bps: fee %p', (funded, bps, fee) => {
    const result = disburse('issuer', funded, [holding('i-1', 'ana', funded)], bps);
    expect(result.fee).toBe(fee);
    expect(result.toIssuer).toBe(funded - fee);
    expect(result.postings.reduce((sum, p) => sum + p.amount, 0n)).toBe(0n);
  });

  it('empties every escrow into the issuer and FEES', () => {
    const { postings } = disburse(
      'issuer',
      1_000_00n,
      [holding('i-1', 'ana', 600_00n), holding('i-2', 'bia', 400_00n)],
      300,
    );
    expect(postings).toEqual([
      { account: { kind: 'ESCROW', ownerId: 'ana', investmentId: 'i-1' }, amount: -600_00n },
      { account: { kind: 'ESCROW', ownerId: 'bia', investmentId: 'i-2' }, amount: -400_00n },
      { account: { kind: 'AVAILABLE', ownerId: 'issuer' }, amount: 970_00n },
      { account: { kind: 'FEES' }, amount: 30_00n },
    ]);
  });

  it('refuses holdings that do not add up to the funded amount', () => {
    expect(() => disburse('issuer', 1_000n, [holding('i-1', 'ana', 999n)], 300)).toThrow(DisbursementMismatchError);
  });
});

describe('distributionPostings', () => {
  it('moves the total out of CLEARING to the lines and FEES', () => {
    const postings = distributionPostings(1_000n, 10n, [
      { investorId: 'ana', amount: 600n },
      { investorId: 'bia', amount: 390n },
    ]);
    expect(postings[0]).toEqual({ account: { kind: 'CLEARING' }, amount: -1_000n });
    expect(postings.reduce((sum, p) => sum + p.amount, 0n)).toBe(0n);
  });

  it('refuses lines and fee that do not add up to the total', () => {
    expect(() => distributionPostings(1_000n, 10n, [{ investorId: 'ana', amount: 989n }])).toThrow(
      DistributionMismatchError,
    );
  });
});
