import { loadOwnContact, type ContactsContext } from './contacts-context.js';
import { ContactType } from './contact.type.js';
import { UserType } from './user.type.js';

/** `Contact` references from the gateway, batched per request; only the owner gets one. */
export async function resolveContactReference(
  reference: { id: string },
  ctx: ContactsContext,
): Promise<ContactType | null> {
  const contact = await loadOwnContact(ctx, reference.id);
  return contact ? ContactType.from(contact) : null;
}

/** `User` references: this subgraph only adds fields to the user, so the key is all it needs. */
export const resolveUserReference = (reference: { id: string }): UserType => UserType.of(reference.id);
