import { requireIdentity } from '@peerseed/shared';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { StatementConnectionType } from './statement.type.js';
import type { WalletContext } from './wallet-context.js';
import { WalletType } from './wallet.type.js';

@Resolver()
export class WalletResolver {
  @Query(() => WalletType, { description: "The signed-in user's balances" })
  async myWallet(@Ctx() ctx: WalletContext): Promise<WalletType> {
    const { userId } = requireIdentity(ctx.identity);
    return WalletType.from(userId, await ctx.useCases.getWallet.execute(userId));
  }

  @Query(() => StatementConnectionType, {
    description: "The signed-in user's ledger movements, newest first (first: up to 100, default 20)",
  })
  async myStatement(
    @Ctx() ctx: WalletContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<StatementConnectionType> {
    const { userId } = requireIdentity(ctx.identity);
    return StatementConnectionType.from(await ctx.useCases.getStatement.execute(userId, first, after));
  }
}
