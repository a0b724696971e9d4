import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { DistributionContext } from './distribution-context.js';
import { DistributionType } from './distribution.type.js';
import { PaymentType } from './payment.type.js';

/** `Payment.distribution`, contributed to the wallet entity through federation. */
@Resolver(() => PaymentType)
export class PaymentDistributionResolver {
  @FieldResolver(() => DistributionType, {
    nullable: true,
    description: 'Null until the payment is distributed (and for anonymous viewers)',
  })
  async distribution(@Root() payment: PaymentType, @Ctx() ctx: DistributionContext): Promise<DistributionType | null> {
    const view = await ctx.distributionsByPayment.load(payment.id);
    return view ? DistributionType.from(view) : null;
  }
}
