import { Money } from '@peerseed/shared/domain';

/**
 * The platform's fee on a payment, taken before the split: `feeBps` basis points of the
 * total (100 = 1%), rounded half-up to the centavo (R$ 0.50 at 1% = 0.5 centavo → 1).
 */
export function distributionFee(total: bigint, feeBps: number): bigint {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) {
    throw new RangeError(`the distribution fee must be 0 to 10,000 bps, got ${feeBps}`);
  }
  return Money.ofCentavos(total).multiplyBps(feeBps).centavos;
}
