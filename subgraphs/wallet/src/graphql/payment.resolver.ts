import { requireIdentity } from '@peerseed/shared';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PaymentType } from './payment.type.js';
import type { WalletContext } from './wallet-context.js';

@Resolver(() => PaymentType)
export class PaymentResolver {
  @Mutation(() => PaymentType, {
    description: 'The issuer pays an installment (plus late charges) from its available balance',
  })
  async payInstallment(
    @Arg('cprId', () => ID) cprId: string,
    @Arg('number', () => Int) number: number,
    @Ctx() ctx: WalletContext,
  ): Promise<PaymentType> {
    const { userId } = requireIdentity(ctx.identity);
    return PaymentType.from(await ctx.useCases.payInstallment.execute(userId, cprId, number));
  }

  @Query(() => PaymentType, {
    nullable: true,
    description: "A payment; null unless the viewer is the CPR's issuer, one of its investors or an ADMIN",
  })
  async payment(@Arg('id', () => ID) id: string, @Ctx() ctx: WalletContext): Promise<PaymentType | null> {
    requireIdentity(ctx.identity);
    const payment = await ctx.payments.load(id);
    return payment ? PaymentType.from(payment) : null;
  }
}
