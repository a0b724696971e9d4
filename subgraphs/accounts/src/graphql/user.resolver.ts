import { Role } from '@peerseed/shared';
import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { AccountsContext } from './accounts-context.js';
import { UserType } from './user.type.js';

@Resolver(() => UserType)
export class UserResolver {
  @Query(() => UserType, { nullable: true, description: 'The signed-in user; null when anonymous' })
  async me(@Ctx() ctx: AccountsContext): Promise<UserType | null> {
    if (!ctx.identity) return null;
    const user = await ctx.users.load(ctx.identity.userId);
    return user ? UserType.from(user) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Visible only to the user and to ADMINs' })
  email(@Root() user: UserType, @Ctx() ctx: AccountsContext): string | null {
    const viewer = ctx.identity;
    const allowed = user.viewerIsUser || viewer?.userId === user.id || viewer?.role === Role.ADMIN;
    return allowed ? user.privateEmail : null;
  }
}
