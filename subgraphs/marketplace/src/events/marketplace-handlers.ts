import { defineHandler, WalletEvents, type Em } from '@peerseed/shared';
import type { InvestmentUseCases } from '../application/investment-use-cases.js';
import type { SettlementUseCases } from '../application/settlement-use-cases.js';

/** Use cases bound to an event handler's transaction (effect + inbox commit together). */
export interface HandlerUseCases {
  investments(em: Em): InvestmentUseCases;
  settlement(em: Em): SettlementUseCases;
}

/** The marketplace's reactions to the wallet (design.md flows 3 and 5). */
export function marketplaceHandlers(useCases: HandlerUseCases) {
  return [
    defineHandler({
      name: 'confirm-investment-on-funds-reserved',
      contract: WalletEvents.FundsReserved,
      handle: (event, { em }) => useCases.investments(em).confirm(event.data.investmentId),
    }),
    defineHandler({
      name: 'reject-investment-on-funds-rejected',
      contract: WalletEvents.FundsRejected,
      handle: (event, { em }) => useCases.investments(em).reject(event.data.investmentId, event.data.reason),
    }),
    defineHandler({
      name: 'mark-installment-paid-on-payment-confirmed',
      contract: WalletEvents.PaymentConfirmed,
      handle: (event, { em }) =>
        useCases
          .settlement(em)
          .installmentPaid(event.data.cprId, event.data.installmentNumber, new Date(event.data.paidAt)),
    }),
  ];
}
