import type { Clock, IdGenerator } from '../application/ports.js';

/** What the distribution subgraph's event handlers share (the app wires them). */
export interface HandlerDeps {
  ids: IdGenerator;
  clock: Clock;
  /** DISTRIBUTION_FEE_BPS. */
  feeBps: number;
}
