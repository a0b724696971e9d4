import type { BaseContext } from '@peerseed/shared';
import type { IncomingMessage } from 'node:http';

export interface GatewayContext extends BaseContext {
  /** The verified Authorization header, forwarded to subgraphs as it came. */
  authorization?: string;
  /**
   * Its subgraph calls may travel with other callers' in one viewer batch (viewer-batches.ts):
   * a subscription event's internal queries, which ~200 viewers make at once.
   */
  viewerBatch?: boolean;
  /**
   * The HTTP request (none for a subscription's internal queries). The sign-in limit reads the
   * client's address from it, and only for a sign-in: kept as it is, it costs nothing per request.
   */
  req?: IncomingMessage;
}
