import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { AuthResolver } from './auth.resolver.js';
import { resolveUserReference } from './user.reference.js';
import { UserResolver } from './user.resolver.js';

/** The accounts subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildAccountsSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [AuthResolver, UserResolver, ...operations] },
    { User: { __resolveReference: resolveUserReference } },
  );
}
