import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { CprDistributionsResolver } from './cpr-distributions.resolver.js';
import { DistributionResolver } from './distribution.resolver.js';
import { PaymentDistributionResolver } from './payment-distribution.resolver.js';
import { resolveCprReference, resolveDistributionReference, resolvePaymentReference } from './references.js';

/** The distribution subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildDistributionSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [DistributionResolver, CprDistributionsResolver, PaymentDistributionResolver, ...operations] },
    {
      Distribution: { __resolveReference: resolveDistributionReference },
      Cpr: { __resolveReference: resolveCprReference },
      Payment: { __resolveReference: resolvePaymentReference },
    },
  );
}
