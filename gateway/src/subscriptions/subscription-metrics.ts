import { Counter, Gauge, Registry } from 'prom-client';

/** What operators watch of `ws://…/graphql` on one replica. */
export interface SubscriptionMetrics {
  connections: Gauge;
  subscriptions: Gauge;
  /** Connections and subscriptions refused or stopped by a limit, by reason. */
  limited: Counter<'reason'>;
}

export function subscriptionMetrics(registry: Registry = new Registry()): SubscriptionMetrics {
  return {
    connections: new Gauge({
      name: 'peerseed_gateway_ws_connections',
      help: 'Authenticated WebSocket connections open on this replica',
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'peerseed_gateway_subscriptions',
      help: 'Subscriptions running on this replica',
      registers: [registry],
    }),
    limited: new Counter({
      name: 'peerseed_gateway_subscription_limits_total',
      help: 'Connections or subscriptions refused or stopped by a limit (too_many_connections, too_many_subscriptions, slow_consumer)',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}
