import { DecimalScalar, requireIdentity, requireRole, Role } from '@peerseed/shared';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { DepositType } from './deposit.type.js';
import type { WalletContext } from './wallet-context.js';

@Resolver()
export class DepositResolver {
  @Mutation(() => DepositType, { description: 'Asks to bring money in; PENDING until the payment provider confirms' })
  async requestDeposit(@Arg('amount', () => DecimalScalar) amount: string, @Ctx() ctx: WalletContext) {
    const { userId } = requireIdentity(ctx.identity);
    return DepositType.from(await ctx.useCases.requestDeposit.execute(userId, amount));
  }

  @Mutation(() => DepositType, { description: "ADMIN (stands in for the payment provider's confirmation)" })
  async confirmDeposit(@Arg('id', () => ID) id: string, @Ctx() ctx: WalletContext) {
    requireRole(ctx.identity, Role.ADMIN);
    return DepositType.from(await ctx.useCases.confirmDeposit.execute(id));
  }
}
