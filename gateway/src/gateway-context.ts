import type { BaseContext } from '@peerseed/shared';

export interface GatewayContext extends BaseContext {
  /** The verified Authorization header, forwarded to subgraphs as it came. */
  authorization?: string;
}
