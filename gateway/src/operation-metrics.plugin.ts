import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, type Registry } from 'prom-client';

/** Operations served by the gateway: count by outcome (first error code) and duration. */
export function operationMetricsPlugin<C extends object>(registry: Registry): ApolloServerPlugin<C> {
  const operations = new Counter({
    name: 'peerseed_gateway_operations_total',
    help: 'GraphQL operations answered by the gateway, by outcome (ok or the first error code)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'peerseed_gateway_operation_seconds',
    help: 'Time to answer a GraphQL operation',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ errors }) {
          stop();
          const code = errors?.[0]?.extensions?.['code'];
          operations.inc({ outcome: typeof code === 'string' ? code : errors?.length ? 'ERROR' : 'ok' });
        },
      };
    },
  };
}
