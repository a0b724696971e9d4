/** What one gateway replica allows its WebSocket subscribers (settings `SUBSCRIPTIONS_*`). */
export interface SubscriptionLimits {
  /** Active subscriptions on one connection; more are refused with TOO_MANY_SUBSCRIPTIONS. */
  maxSubscriptionsPerConnection: number;
  /** Open connections of one user (token `sub`) on this replica; more are closed with 4430. */
  maxConnectionsPerUser: number;
  /** Ping interval; a socket that has not answered the previous ping by the next one is dropped. */
  keepAliveMs: number;
  /** Results a subscription may have ready but not yet written to its socket (SLOW_CONSUMER beyond). */
  maxPendingResults: number;
  /** Bytes a socket may hold unsent when a subscription hands it another result (SLOW_CONSUMER beyond). */
  maxBufferedBytes: number;
  /** Supergraph queries the subscriptions may have in flight at once; the others wait in order (bounded-query.ts). */
  maxConcurrentQueries: number;
  /** Largest WebSocket message accepted (ws `maxPayload`; beyond, the socket closes with 1009), as MAX_BODY_BYTES over HTTP. */
  maxMessageBytes: number;
  /** Largest subscription document, as MAX_DOCUMENT_BYTES over HTTP (BAD_USER_INPUT with `extensions.limit`). */
  maxDocumentBytes: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  maxSubscriptionsPerConnection: 20,
  maxConnectionsPerUser: 10,
  keepAliveMs: 12_000,
  maxPendingResults: 64,
  maxBufferedBytes: 1_048_576,
  maxConcurrentQueries: 96,
  maxMessageBytes: 100_000,
  maxDocumentBytes: 20_000,
};
