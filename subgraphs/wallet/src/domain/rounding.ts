/**
 * numerator / denominator rounded to the nearest integer, halves away from zero
 * (the same rule as Money.multiplyBps). `denominator` must be positive.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return quotient + (numerator < 0n ? -1n : 1n);
}
