import { requireIdentity } from '@peerseed/shared';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { ContactConnectionType } from './contact-connection.type.js';
import { ContactInput } from './contact.input.js';
import { ContactType } from './contact.type.js';
import { loadOwnContact, type ContactsContext } from './contacts-context.js';

@Resolver(() => ContactType)
export class ContactResolver {
  @Query(() => ContactType, { nullable: true, description: "One of the caller's contacts; null if not theirs" })
  async contact(@Arg('id', () => ID) id: string, @Ctx() ctx: ContactsContext): Promise<ContactType | null> {
    requireIdentity(ctx.identity);
    const contact = await loadOwnContact(ctx, id);
    return contact ? ContactType.from(contact) : null;
  }

  @Query(() => ContactConnectionType, { description: "The caller's contacts, oldest first (PENDING included)" })
  async contacts(
    @Ctx() ctx: ContactsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ContactConnectionType> {
    const { userId } = requireIdentity(ctx.identity);
    return ContactConnectionType.from(await ctx.useCases.list.execute(userId, { first, after }));
  }

  @Mutation(() => ContactType, { description: 'Returns the contact as PENDING; the contacts worker makes it ACTIVE' })
  async createContact(@Arg('input', () => ContactInput) input: ContactInput, @Ctx() ctx: ContactsContext) {
    const { userId } = requireIdentity(ctx.identity);
    return ContactType.from(await ctx.useCases.request.execute(userId, input));
  }

  @Mutation(() => ContactType)
  async updateContact(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ContactInput) input: ContactInput,
    @Ctx() ctx: ContactsContext,
  ) {
    const { userId } = requireIdentity(ctx.identity);
    return ContactType.from(await ctx.useCases.update.execute(userId, id, input));
  }

  @Mutation(() => Boolean)
  async deleteContact(@Arg('id', () => ID) id: string, @Ctx() ctx: ContactsContext): Promise<boolean> {
    const { userId } = requireIdentity(ctx.identity);
    return ctx.useCases.delete.execute(userId, id);
  }
}
