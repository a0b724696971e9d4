import { requireIdentity } from '@peerseed/shared';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { DistributionContext } from './distribution-context.js';
import { DistributionType } from './distribution.type.js';

@Resolver(() => DistributionType)
export class DistributionResolver {
  @Query(() => DistributionType, {
    nullable: true,
    description: 'A distribution, to anyone signed in; its lines as DistributionLine privacy allows',
  })
  async distribution(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: DistributionContext,
  ): Promise<DistributionType | null> {
    requireIdentity(ctx.identity);
    const view = await ctx.distributions.load(id);
    return view ? DistributionType.from(view) : null;
  }
}
