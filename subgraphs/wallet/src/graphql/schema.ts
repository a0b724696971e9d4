import { buildFederatedSchema } from '@peerseed/shared';
import type { GraphQLSchema } from 'graphql';
import type { ClassType } from 'type-graphql';
import { DepositResolver } from './deposit.resolver.js';
import { resolvePaymentReference } from './payment.reference.js';
import { PaymentResolver } from './payment.resolver.js';
import { WalletResolver } from './wallet.resolver.js';

/** The wallet subgraph schema (Federation 2); `operations` adds the ADMIN dead-letter fields. */
export function buildWalletSchema(operations: ClassType[] = []): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [WalletResolver, DepositResolver, PaymentResolver, ...operations] },
    { Payment: { __resolveReference: resolvePaymentReference } },
  );
}
