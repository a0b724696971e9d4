import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ContactConnectionType } from './contact-connection.type.js';
import type { ContactsContext } from './contacts-context.js';
import { UserType } from './user.type.js';

/** `User.contacts`, contributed to the accounts entity through federation. */
@Resolver(() => UserType)
export class UserContactsResolver {
  @FieldResolver(() => ContactConnectionType, {
    description: "The user's contacts. Only the user sees them: for anyone else (or anonymous) it is empty",
  })
  async contacts(
    @Root() user: UserType,
    @Ctx() ctx: ContactsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ContactConnectionType> {
    // Empty rather than FORBIDDEN: a query over many users (e.g. a CPR's issuer) must not
    // fail, and an empty list says nothing about whether the user has contacts.
    if (ctx.identity?.userId !== user.id) return ContactConnectionType.empty();
    return ContactConnectionType.from(await ctx.useCases.list.execute(user.id, { first, after }));
  }
}
