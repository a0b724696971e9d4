import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { Deposit } from '../domain/deposit.js';
import type { Payment } from '../domain/payment.js';
import type { Reservation } from '../domain/reservation.js';
import type { Holding, ScheduledInstallment, WalletCpr } from '../domain/wallet-cpr.js';
import type { LedgerAccountRecord, LedgerEntryRecord, LedgerTransactionRecord } from './ledger-records.js';

// Plain domain interfaces mapped to tables; column types match the committed migrations (a test checks).
const centavos = () => ({ type: new BigIntType('bigint') });
// Ledger rows are never deleted or re-keyed: a foreign key only guards against dangling entries.
const restrict = { deleteRule: 'no action', updateRule: 'no action' } as const;

export const LedgerAccountEntity = new EntitySchema<LedgerAccountRecord>({
  name: 'LedgerAccount',
  tableName: 'ledger_accounts',
  indexes: [{ name: 'ledger_accounts_owner_index', properties: ['ownerId'] }],
  checks: [
    {
      name: 'ledger_accounts_kind_check',
      expression: `kind in ('AVAILABLE', 'ESCROW', 'EXTERNAL', 'FEES', 'CLEARING')`,
    },
    // The last line of defence: only EXTERNAL may go negative.
    { name: 'ledger_accounts_balance_check', expression: `kind = 'EXTERNAL' or balance >= 0` },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    key: { type: 'string', length: 120, unique: 'ledger_accounts_key_unique' },
    kind: { type: 'string', length: 16 },
    ownerId: { type: 'uuid', nullable: true },
    reference: { type: 'uuid', nullable: true },
    balance: centavos(),
  },
});

export const LedgerTransactionEntity = new EntitySchema<LedgerTransactionRecord>({
  name: 'LedgerTransaction',
  tableName: 'ledger_transactions',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string', length: 32 },
    idempotencyKey: { type: 'string', length: 200, unique: 'ledger_transactions_idempotency_key_unique' },
    reference: { type: 'uuid' },
    cprId: { type: 'uuid', nullable: true },
    createdAt: { type: 'datetime', length: 3 },
  },
});

export const LedgerEntryEntity = new EntitySchema<LedgerEntryRecord>({
  name: 'LedgerEntry',
  tableName: 'ledger_entries',
  indexes: [{ name: 'ledger_entries_account_index', properties: ['accountId'] }],
  checks: [{ name: 'ledger_entries_amount_check', expression: 'amount <> 0' }],
  properties: {
    // Foreign keys to the transaction and the account, read and written as plain ids.
    transactionId: {
      kind: 'm:1',
      entity: () => LedgerTransactionEntity,
      primary: true,
      mapToPk: true,
      fieldName: 'transaction_id',
      foreignKeyName: 'ledger_entries_transaction_fk',
      ...restrict,
    } as never,
    accountId: {
      kind: 'm:1',
      entity: () => LedgerAccountEntity,
      primary: true,
      mapToPk: true,
      fieldName: 'account_id',
      foreignKeyName: 'ledger_entries_account_fk',
      ...restrict,
    } as never,
    amount: centavos(),
  },
});

export const DepositEntity = new EntitySchema<Deposit>({
  name: 'Deposit',
  tableName: 'deposits',
  indexes: [{ name: 'deposits_owner_index', properties: ['ownerId'] }],
  checks: [{ name: 'deposits_amount_check', expression: 'amount > 0' }],
  properties: {
    id: { type: 'uuid', primary: true },
    ownerId: { type: 'uuid' },
    amount: centavos(),
    status: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', length: 3 },
    confirmedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const ReservationEntity = new EntitySchema<Reservation>({
  name: 'Reservation',
  tableName: 'reservations',
  indexes: [{ name: 'reservations_cpr_index', properties: ['cprId'] }],
  properties: {
    investmentId: { type: 'uuid', primary: true },
    cprId: { type: 'uuid' },
    investorId: { type: 'uuid' },
    amount: centavos(),
    status: { type: 'string', length: 16 },
    createdAt: { type: 'datetime', length: 3 },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

export const CprEntity = new EntitySchema<WalletCpr>({
  name: 'WalletCpr',
  tableName: 'cprs',
  properties: {
    id: { type: 'uuid', primary: true },
    issuerId: { type: 'uuid' },
    status: { type: 'string', length: 16 },
    fundedAmount: { ...centavos(), nullable: true },
    originationFee: { ...centavos(), nullable: true },
    updatedAt: { type: 'datetime', length: 3 },
  },
});

export const HoldingEntity = new EntitySchema<Holding>({
  name: 'Holding',
  tableName: 'cpr_holdings',
  indexes: [{ name: 'cpr_holdings_investor_index', properties: ['investorId', 'cprId'] }],
  properties: {
    cprId: { type: 'uuid', primary: true },
    investmentId: { type: 'uuid', primary: true },
    investorId: { type: 'uuid' },
    amount: centavos(),
  },
});

export const InstallmentEntity = new EntitySchema<ScheduledInstallment>({
  name: 'ScheduledInstallment',
  tableName: 'cpr_installments',
  properties: {
    cprId: { type: 'uuid', primary: true },
    number: { type: 'integer', primary: true },
    dueDate: { type: 'datetime', length: 3 },
    amount: centavos(),
  },
});

export const PaymentEntity = new EntitySchema<Payment>({
  name: 'Payment',
  tableName: 'payments',
  uniques: [{ name: 'payments_installment_unique', properties: ['cprId', 'installmentNumber'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    cprId: { type: 'uuid' },
    installmentNumber: { type: 'integer' },
    payerId: { type: 'uuid' },
    installmentAmount: centavos(),
    lateFine: centavos(),
    lateInterest: centavos(),
    amount: centavos(),
    status: { type: 'string', length: 16 },
    paidAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const walletEntities = [
  LedgerAccountEntity,
  LedgerTransactionEntity,
  LedgerEntryEntity,
  DepositEntity,
  ReservationEntity,
  CprEntity,
  HoldingEntity,
  InstallmentEntity,
  PaymentEntity,
  ...eventEntities,
];
