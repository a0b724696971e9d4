import { parseDecimalInput, parseMoneyInput, ValidationError } from '@peerseed/shared';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Commodity, CommodityUnit } from '../domain/cpr.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { CprFilterInput, CreateCprInput } from './inputs.js';
import type { MarketplaceContext } from './marketplace-context.js';
import { CprConnectionType, CprType, InstallmentType } from './cpr.type.js';

const MAX_PAGE = 100;

@Resolver(() => CprType)
export class CprResolver {
  @Query(() => CprConnectionType, { description: 'OPEN offers, plus your own; ADMINs and ANALYSTs see all' })
  async cprs(
    @Ctx() ctx: MarketplaceContext,
    @Arg('filter', () => CprFilterInput, { nullable: true }) filter?: CprFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<CprConnectionType> {
    const size = first ?? 20;
    if (size < 1 || size > MAX_PAGE) throw new ValidationError(`first must be between 1 and ${MAX_PAGE}`, 'first');
    const page = await ctx.queries.page(ctx.identity, { ...filter }, size, after ? decodeCursor(after) : undefined);
    for (const cpr of page.items) ctx.cprs.prime(cpr.id, cpr);
    const edges = page.items.map((cpr) => ({ cursor: encodeCursor(cpr.createdAt, cpr.id), node: CprType.from(cpr) }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => CprType, { nullable: true })
  async cpr(@Ctx() ctx: MarketplaceContext, @Arg('id', () => ID) id: string): Promise<CprType | null> {
    const cpr = await ctx.queries.cpr(ctx.identity, id);
    return cpr ? CprType.from(cpr) : null;
  }

  @Mutation(() => CprType, { description: 'PRODUCER: a new offer, DRAFT' })
  async createCpr(
    @Ctx() ctx: MarketplaceContext,
    @Arg('input', () => CreateCprInput) input: CreateCprInput,
  ): Promise<CprType> {
    const cpr = await ctx.offers.create(ctx.identity, {
      title: input.title,
      commodity: input.commodity as Commodity,
      unit: input.unit as CommodityUnit,
      quantity: parseDecimalInput(input.quantity, 'quantity', 4),
      targetAmount: parseMoneyInput(input.targetAmount, 'targetAmount'),
      minimumAmount: parseMoneyInput(input.minimumAmount, 'minimumAmount'),
      annualRateBps: Number(parseDecimalInput(input.annualRate, 'annualRate', 2, 10_000n)),
      fundingDeadline: input.fundingDeadline,
      maturityDate: input.maturityDate,
      installmentCount: input.installmentCount,
    });
    return CprType.from(cpr);
  }

  @Mutation(() => CprType, { description: 'The issuer: DRAFT → UNDER_REVIEW' })
  async submitCpr(@Ctx() ctx: MarketplaceContext, @Arg('id', () => ID) id: string) {
    return CprType.from(await ctx.offers.submit(ctx.identity, id));
  }

  @Mutation(() => CprType, { description: 'ADMIN: UNDER_REVIEW → OPEN' })
  async approveCpr(@Ctx() ctx: MarketplaceContext, @Arg('id', () => ID) id: string) {
    return CprType.from(await ctx.offers.approve(ctx.identity, id));
  }

  @Mutation(() => CprType, { description: 'ADMIN: FUNDED → ACTIVE; escrow moves to the issuer, schedule fixed' })
  async disburseCpr(@Ctx() ctx: MarketplaceContext, @Arg('id', () => ID) id: string) {
    return CprType.from(await ctx.offers.disburse(ctx.identity, id));
  }

  @FieldResolver(() => [InstallmentType], { description: 'Empty until the CPR is ACTIVE' })
  async installments(@Root() cpr: CprType, @Ctx() ctx: MarketplaceContext): Promise<InstallmentType[]> {
    return (await ctx.installments.load(cpr.id)).map(InstallmentType.from);
  }
}
