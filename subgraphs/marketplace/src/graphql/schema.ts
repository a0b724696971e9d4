import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { CprResolver } from './cpr.resolver.js';
import { InvestmentResolver } from './investment.resolver.js';
import { resolveCprReference, resolveInvestmentReference } from './references.js';
import { StatsResolver } from './stats.resolver.js';

/** The marketplace subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildMarketplaceSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [CprResolver, InvestmentResolver, StatsResolver, ...operations] },
    {
      Cpr: { __resolveReference: resolveCprReference },
      Investment: { __resolveReference: resolveInvestmentReference },
    },
  );
}
