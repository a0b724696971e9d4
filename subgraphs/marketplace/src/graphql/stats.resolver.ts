import { DecimalScalar, formatScaled, MoneyType } from '@peerseed/shared';
import { Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { CommodityEnum, CprStatusEnum } from './enums.js';
import type { MarketplaceContext } from './marketplace-context.js';

@ObjectType('OfferStats', { description: 'Offers of one commodity in one status' })
export class OfferStatsType {
  @Field(() => CommodityEnum)
  commodity!: string;

  @Field(() => CprStatusEnum)
  status!: string;

  @Field(() => Int)
  offerCount!: number;

  @Field(() => MoneyType, { description: 'Sum of confirmed investments' })
  amountRaised!: MoneyType;
}

@ObjectType('MarketplaceStats', { description: 'Aggregates for analysts: no personal data' })
export class MarketplaceStatsType {
  @Field(() => [OfferStatsType])
  byCommodityAndStatus!: OfferStatsType[];

  @Field(() => MoneyType)
  totalRaised!: MoneyType;

  @Field(() => DecimalScalar, { description: 'DEFAULTED ÷ (ACTIVE + SETTLED + DEFAULTED) offers, in percent' })
  defaultRate!: string;
}

const DISBURSED = ['ACTIVE', 'SETTLED', 'DEFAULTED'];

@Resolver()
export class StatsResolver {
  @Query(() => MarketplaceStatsType, { description: 'ANALYST or ADMIN' })
  async marketplaceStats(@Ctx() ctx: MarketplaceContext): Promise<MarketplaceStatsType> {
    const rows = await ctx.queries.stats(ctx.identity);
    const disbursed = rows.filter((r) => DISBURSED.includes(r.status)).reduce((n, r) => n + r.count, 0);
    const defaulted = rows.filter((r) => r.status === 'DEFAULTED').reduce((n, r) => n + r.count, 0);
    // Percent with two places, rounded half up, in integers.
    const rateBps = disbursed === 0 ? 0n : (BigInt(defaulted) * 20_000n + BigInt(disbursed)) / (2n * BigInt(disbursed));
    return {
      byCommodityAndStatus: rows.map((r) => ({
        commodity: r.commodity,
        status: r.status,
        offerCount: r.count,
        amountRaised: MoneyType.fromCentavos(r.raised),
      })),
      totalRaised: MoneyType.fromCentavos(
        rows.filter((r) => r.status !== 'CANCELLED').reduce((sum, r) => sum + r.raised, 0n),
      ),
      defaultRate: formatScaled(rateBps, 2),
    };
  }
}
