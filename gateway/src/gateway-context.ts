import type { BaseContext } from '@peerseed/shared';

export interface GatewayContext extends BaseContext {
  /** The verified Authorization header, forwarded to subgraphs as it came. */
  authorization?: string;
  /**
   * Its subgraph calls may travel with other callers' in one viewer batch (viewer-batches.ts):
   * a subscription event's internal queries, which ~200 viewers make at once.
   */
  viewerBatch?: boolean;
  /** The caller's address (TRUST_PROXY decides whether X-Forwarded-For counts); computed when asked. */
  clientAddress?: () => string;
}
