import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from './auth.resolver.js';
import { resolveUserReference } from './user.reference.js';
import { UserResolver } from './user.resolver.js';

/** The accounts subgraph schema (Federation 2). */
export function buildAccountsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [AuthResolver, UserResolver] },
    { User: { __resolveReference: resolveUserReference } },
  );
}
