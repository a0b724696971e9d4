import { distributeOnPaymentConfirmed } from './distribute-on-payment-confirmed.consumer.js';
import type { HandlerDeps } from './handler-deps.js';
import { recordHoldingsOnCprDisbursed } from './record-holdings-on-cpr-disbursed.consumer.js';

/** Every event the distribution subgraph reacts to (design.md: its "consumes" column). */
export const distributionHandlers = (deps: HandlerDeps) => [
  recordHoldingsOnCprDisbursed(),
  distributeOnPaymentConfirmed(deps),
];
