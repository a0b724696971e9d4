/** What one gateway replica allows its WebSocket subscribers (settings `SUBSCRIPTIONS_*`; defaults in config.ts). */
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
