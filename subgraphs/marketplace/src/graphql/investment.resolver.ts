import { DecimalScalar, parseMoneyInput } from '@peerseed/shared';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CprType } from './cpr.type.js';
import { InvestmentType } from './investment.type.js';
import type { MarketplaceContext } from './marketplace-context.js';

@Resolver(() => InvestmentType)
export class InvestmentResolver {
  @Mutation(() => InvestmentType, { description: 'INVESTOR; PENDING until the wallet reserves the funds' })
  async invest(
    @Ctx() ctx: MarketplaceContext,
    @Arg('cprId', () => ID) cprId: string,
    @Arg('amount', () => DecimalScalar) amount: string,
  ): Promise<InvestmentType> {
    return InvestmentType.from(await ctx.investments.invest(ctx.identity, cprId, parseMoneyInput(amount, 'amount')));
  }

  @Mutation(() => InvestmentType, {
    description: 'INVESTOR: right of withdrawal, within 5 days while the offer is OPEN',
  })
  async cancelInvestment(@Ctx() ctx: MarketplaceContext, @Arg('id', () => ID) id: string): Promise<InvestmentType> {
    return InvestmentType.from(await ctx.investments.cancel(ctx.identity, id));
  }

  @Query(() => [InvestmentType])
  async myInvestments(@Ctx() ctx: MarketplaceContext): Promise<InvestmentType[]> {
    return (await ctx.queries.myInvestments(ctx.identity)).map(InvestmentType.from);
  }

  @FieldResolver(() => CprType)
  async cpr(@Root() investment: InvestmentType, @Ctx() ctx: MarketplaceContext): Promise<CprType> {
    return CprType.from((await ctx.cprs.load(investment.cprId))!);
  }
}
