import { notifyInvestorOnInvestmentCancelled } from './notify-investor-on-investment-cancelled.consumer.js';
import { notifyInvestorOnInvestmentConfirmed } from './notify-investor-on-investment-confirmed.consumer.js';
import { notifyInvestorOnInvestmentRejected } from './notify-investor-on-investment-rejected.consumer.js';
import { notifyInvestorsOnDistributionCredited } from './notify-investors-on-distribution-credited.consumer.js';
import { notifyIssuerAndHoldersOnCprDisbursed } from './notify-issuer-and-holders-on-cpr-disbursed.consumer.js';
import { notifyIssuerOnCprCancelled } from './notify-issuer-on-cpr-cancelled.consumer.js';
import { notifyIssuerOnCprFunded } from './notify-issuer-on-cpr-funded.consumer.js';
import { notifyIssuerOnInstallmentLate } from './notify-issuer-on-installment-late.consumer.js';
import { notifyIssuerOnPaymentConfirmed } from './notify-issuer-on-payment-confirmed.consumer.js';
import type { HandlerDeps } from './notify-on.js';

/** Every event a person should hear about (design.md: the notifications row). */
export const notificationsHandlers = (deps: HandlerDeps) => [
  notifyInvestorOnInvestmentConfirmed(deps),
  notifyInvestorOnInvestmentRejected(deps),
  notifyInvestorOnInvestmentCancelled(deps),
  notifyIssuerOnCprFunded(deps),
  notifyIssuerOnCprCancelled(deps),
  notifyIssuerAndHoldersOnCprDisbursed(deps),
  notifyIssuerOnPaymentConfirmed(deps),
  notifyInvestorsOnDistributionCredited(deps),
  notifyIssuerOnInstallmentLate(deps),
];
