import { registerEnumType } from 'type-graphql';
import { TransactionKind } from '../domain/ledger-transaction.js';

export const DepositStatus = { PENDING: 'PENDING', CONFIRMED: 'CONFIRMED', EXPIRED: 'EXPIRED' } as const;
export type DepositStatus = (typeof DepositStatus)[keyof typeof DepositStatus];
/** Payments are recorded CONFIRMED (the debit and the record commit together); PENDING and FAILED are for provider-backed payments. */
export const PaymentStatus = { PENDING: 'PENDING', CONFIRMED: 'CONFIRMED', FAILED: 'FAILED' } as const;
export type PaymentStatus = (typeof PaymentStatus)[keyof typeof PaymentStatus];

registerEnumType(DepositStatus, { name: 'DepositStatus' });
registerEnumType(PaymentStatus, { name: 'PaymentStatus' });
registerEnumType(TransactionKind, {
  name: 'StatementEntryKind',
  description: 'What moved money in or out of a wallet',
  valuesConfig: {
    DEPOSIT: { description: 'A confirmed deposit' },
    RESERVATION: { description: 'Available to escrow for an investment' },
    RELEASE: { description: 'Escrow back to available: a cancelled investment or offer' },
    DISBURSEMENT: { description: 'Escrow to the issuer (minus the origination fee)' },
    INSTALLMENT_PAYMENT: { description: 'An installment paid by the issuer' },
    DISTRIBUTION: { description: "An investor's share of an installment" },
  },
});

export { TransactionKind as StatementEntryKind };
