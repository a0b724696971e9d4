import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { DeleteContact } from '../application/delete-contact.use-case.js';
import type { ListContacts } from '../application/list-contacts.use-case.js';
import type { RequestContact } from '../application/request-contact.use-case.js';
import type { UpdateContact } from '../application/update-contact.use-case.js';
import type { Contact } from '../domain/contact.js';

/** The use cases of one request, wired to that request's EntityManager fork. */
export interface ContactsUseCases {
  request: RequestContact;
  update: UpdateContact;
  delete: DeleteContact;
  list: ListContacts;
}

export interface ContactsContext extends BaseContext {
  useCases: ContactsUseCases;
  /** Batched by-id reads through the cache (any owner: resolvers apply the visibility rule). */
  contacts: DataLoader<string, Contact | null>;
}

/** The contact if the caller owns it; null otherwise (someone else's looks missing). */
export async function loadOwnContact(ctx: ContactsContext, id: string): Promise<Contact | null> {
  if (!ctx.identity) return null;
  const contact = await ctx.contacts.load(id.toLowerCase());
  return contact?.ownerId === ctx.identity.userId ? contact : null;
}
