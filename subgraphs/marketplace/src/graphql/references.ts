import { CprType } from './cpr.type.js';
import { InvestmentType } from './investment.type.js';
import type { MarketplaceContext } from './marketplace-context.js';

/** `Cpr` references from other subgraphs (payments, distributions), batched per request. */
export async function resolveCprReference(reference: { id: string }, ctx: MarketplaceContext): Promise<CprType | null> {
  const cpr = await ctx.cprs.load(reference.id);
  return cpr ? CprType.from(cpr) : null;
}

/** `Investment` references, visible to their investor and ADMINs. */
export async function resolveInvestmentReference(
  reference: { id: string },
  ctx: MarketplaceContext,
): Promise<InvestmentType | null> {
  const investment = await ctx.queries.investment(ctx.identity, reference.id).catch(() => null);
  return investment ? InvestmentType.from(investment) : null;
}
