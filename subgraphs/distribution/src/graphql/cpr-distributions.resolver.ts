import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CprType } from './cpr.type.js';
import type { DistributionContext } from './distribution-context.js';
import { DistributionType } from './distribution.type.js';

/** `Cpr.distributions`, contributed to the marketplace entity through federation. */
@Resolver(() => CprType)
export class CprDistributionsResolver {
  @FieldResolver(() => [DistributionType], {
    description:
      "The CPR's distributions by installment; empty for anonymous viewers (a public CPR page must not fail)",
  })
  async distributions(@Root() cpr: CprType, @Ctx() ctx: DistributionContext): Promise<DistributionType[]> {
    return (await ctx.distributionsByCpr.load(cpr.id)).map(DistributionType.from);
  }
}
