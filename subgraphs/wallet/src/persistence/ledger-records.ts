import type { AccountKind } from '../domain/ledger-account.js';
import type { TransactionKind } from '../domain/ledger-transaction.js';

// The ledger's rows. The domain speaks in postings and account refs; these are how they are stored.

/** An account and its balance, kept equal to the sum of its entries in the same transaction. */
export interface LedgerAccountRecord {
  id: string;
  /** Natural key (`available:<user>`, `escrow:<investment>`, `system:FEES`): unique. */
  key: string;
  kind: AccountKind;
  ownerId: string | null;
  /** The investment of an escrow account. */
  reference: string | null;
  balance: bigint;
}

export interface LedgerTransactionRecord {
  id: string;
  kind: TransactionKind;
  idempotencyKey: string;
  reference: string;
  cprId: string | null;
  createdAt: Date;
}

/** One posting: a signed amount on one account, at most one per account and transaction. */
export interface LedgerEntryRecord {
  transactionId: string;
  accountId: string;
  amount: bigint;
}
