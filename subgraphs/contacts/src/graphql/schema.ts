import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { ContactResolver } from './contact.resolver.js';
import { resolveContactReference, resolveUserReference } from './references.js';
import { UserContactsResolver } from './user-contacts.resolver.js';

/** The contacts subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildContactsSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [ContactResolver, UserContactsResolver, ...operations] },
    {
      Contact: { __resolveReference: resolveContactReference },
      User: { __resolveReference: resolveUserReference },
    },
  );
}
