import { creditInvestorsOnDistributionCompleted } from './credit-investors-on-distribution-completed.consumer.js';
import { disburseOnCprDisbursed } from './disburse-on-cpr-disbursed.consumer.js';
import type { HandlerDeps } from './handler-deps.js';
import { releaseFundsOnCprCancelled } from './release-funds-on-cpr-cancelled.consumer.js';
import { releaseFundsOnInvestmentCancelled } from './release-funds-on-investment-cancelled.consumer.js';
import { reserveFundsOnInvestmentRequested } from './reserve-funds-on-investment-requested.consumer.js';

/** Every event the wallet reacts to (design.md: the wallet's "consumes" column). */
export const walletHandlers = (deps: HandlerDeps) => [
  reserveFundsOnInvestmentRequested(deps),
  releaseFundsOnInvestmentCancelled(deps),
  releaseFundsOnCprCancelled(deps),
  disburseOnCprDisbursed(deps),
  creditInvestorsOnDistributionCompleted(deps),
];
