/** A split that cannot be made: no claims, a claim of zero or less, a negative amount. */
export class InvalidSplitError extends Error {
  override readonly name = 'InvalidSplitError';
}

/**
 * Splits `amount` centavos among claims in proportion to their `weights`, exactly, by
 * the largest-remainder (Hamilton) method: each claim gets the floor of its exact share
 * `amount × weight / Σweights`; the centavos left over (fewer than there are claims) go
 * one each to the claims with the largest remainders. Among equal remainders the claim
 * that comes first in `weights` wins, so the caller orders claims by priority.
 *
 * The parts add up to `amount`, and each differs from its exact share by less than one
 * centavo. Bigint throughout; O(n) plus a sort of the n remainders only when centavos
 * are left over.
 */
export function splitByLargestRemainder(amount: bigint, weights: readonly bigint[]): bigint[] {
  if (amount < 0n) throw new InvalidSplitError(`cannot split a negative amount (${amount})`);
  if (weights.length === 0) throw new InvalidSplitError('nobody to split among');
  let total = 0n;
  for (const weight of weights) {
    if (weight <= 0n) throw new InvalidSplitError(`every weight must be positive, got ${weight}`);
    total += weight;
  }
  const parts = new Array<bigint>(weights.length);
  const remainders = new Array<bigint>(weights.length);
  let given = 0n;
  for (let i = 0; i < weights.length; i++) {
    const product = amount * weights[i]!;
    parts[i] = product / total;
    remainders[i] = product % total;
    given += parts[i]!;
  }
  const leftover = Number(amount - given); // < weights.length, so a safe number
  if (leftover > 0) {
    const order = Array.from(weights, (_, i) => i);
    // Largest remainder first; equal remainders keep the caller's priority (index order).
    order.sort((a, b) => (remainders[a]! === remainders[b]! ? a - b : remainders[a]! > remainders[b]! ? -1 : 1));
    for (let k = 0; k < leftover; k++) parts[order[k]!]! += 1n;
  }
  return parts;
}
