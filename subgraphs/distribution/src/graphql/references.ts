import type { DistributionContext } from './distribution-context.js';
import { CprType } from './cpr.type.js';
import { DistributionType } from './distribution.type.js';
import { PaymentType } from './payment.type.js';

/** `Distribution` references from other subgraphs, batched per request, with the same visibility as `distribution`. */
export async function resolveDistributionReference(
  reference: { id: string },
  ctx: DistributionContext,
): Promise<DistributionType | null> {
  const view = await ctx.distributions.load(reference.id);
  return view ? DistributionType.from(view) : null;
}

/** Other domains' entities this subgraph only contributes fields to: their key is all it needs. */
export const resolveCprReference = (reference: { id: string }) => CprType.of(reference.id);
export const resolvePaymentReference = (reference: { id: string }) => PaymentType.of(reference.id);
