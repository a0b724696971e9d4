import type { AccountsContext } from './accounts-context.js';
import { UserType } from './user.type.js';

/** Resolves `User` references from other subgraphs, batched per request. */
export async function resolveUserReference(reference: { id: string }, ctx: AccountsContext): Promise<UserType | null> {
  const user = await ctx.users.load(reference.id);
  return user ? UserType.from(user) : null;
}
