import { describe, expect, it } from '@jest/globals';
import { InvalidSplitError, splitByLargestRemainder } from './largest-remainder.js';

const sum = (parts: bigint[]) => parts.reduce((total, part) => total + part, 0n);

describe('splitByLargestRemainder', () => {
  it('gives each claim its exact share when the amount divides evenly', () => {
    expect(splitByLargestRemainder(100_000n, [60_000n, 40_000n])).toEqual([60_000n, 40_000n]);
  });

  it('gives the centavos left over to the largest remainders, not to the first claims', () => {
    // Exact shares 0.666… and 1.333…: floors 0 and 1, remainders 2/3 and 1/3.
    expect(splitByLargestRemainder(2n, [1n, 2n])).toEqual([1n, 1n]);
    // 10 among 7:3:… exact 7.0/2.1/0.9 → 7, 2, 1 (the 0.9 wins the last centavo).
    expect(splitByLargestRemainder(10n, [70n, 21n, 9n])).toEqual([7n, 2n, 1n]);
  });

  it('breaks equal remainders by the order of the claims (the caller puts priority first)', () => {
    expect(splitByLargestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(splitByLargestRemainder(101n, [1n, 1n, 1n])).toEqual([34n, 34n, 33n]);
    expect(splitByLargestRemainder(1n, [5n, 5n])).toEqual([1n, 0n]);
  });

  it('gives everything to a single claim, and nothing of nothing', () => {
    expect(splitByLargestRemainder(12_345n, [7n])).toEqual([12_345n]);
    expect(splitByLargestRemainder(0n, [3n, 4n])).toEqual([0n, 0n]);
  });

  it('refuses what cannot be split', () => {
    expect(() => splitByLargestRemainder(10n, [])).toThrow(InvalidSplitError);
    expect(() => splitByLargestRemainder(10n, [5n, 0n])).toThrow(InvalidSplitError);
    expect(() => splitByLargestRemainder(-1n, [5n])).toThrow(InvalidSplitError);
  });

  it('stays exact past the range of a double', () => {
    const huge = 9_007_199_254_740_993n; // 2^53 + 1
    const parts = splitByLargestRemainder(huge, [huge, huge, 1n]);
    expect(sum(parts)).toBe(huge);
  });
});
