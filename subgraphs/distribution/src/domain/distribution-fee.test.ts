import { describe, expect, it } from '@jest/globals';
import { distributionFee } from './distribution-fee.js';

describe('distributionFee', () => {
  it('is zero by default configuration (0 bps)', () => {
    expect(distributionFee(50_000n, 0)).toBe(0n);
  });

  it('rounds half-up to the centavo', () => {
    expect(distributionFee(50n, 100)).toBe(1n); // 0.50 centavo → 1
    expect(distributionFee(49n, 100)).toBe(0n); // 0.49 → 0
    expect(distributionFee(12_345n, 250)).toBe(309n); // 308.625 → 309
    expect(distributionFee(12_346n, 250)).toBe(309n); // 308.65 → 309
    expect(distributionFee(12_338n, 250)).toBe(308n); // 308.45 → 308
  });

  it('may take everything, never more, and refuses settings out of range', () => {
    expect(distributionFee(777n, 10_000)).toBe(777n);
    expect(() => distributionFee(1n, 10_001)).toThrow(RangeError);
    expect(() => distributionFee(1n, -1)).toThrow(RangeError);
    expect(() => distributionFee(1n, 1.5)).toThrow(RangeError);
  });
});
