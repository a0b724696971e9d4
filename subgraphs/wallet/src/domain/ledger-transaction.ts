import { accountKey, type AccountRef } from './ledger-account.js';

/** What caused a movement; shown on statements. */
export const TransactionKind = {
  DEPOSIT: 'DEPOSIT',
  RESERVATION: 'RESERVATION',
  RELEASE: 'RELEASE',
  DISBURSEMENT: 'DISBURSEMENT',
  INSTALLMENT_PAYMENT: 'INSTALLMENT_PAYMENT',
  DISTRIBUTION: 'DISTRIBUTION',
} as const;
export type TransactionKind = (typeof TransactionKind)[keyof typeof TransactionKind];

/** One line of a transaction: a signed amount in centavos (credit > 0, debit < 0). */
export interface Posting {
  account: AccountRef;
  amount: bigint;
}

/** A balanced movement of money: its postings sum to zero, one per account, none zero. */
export interface LedgerTransaction {
  id: string;
  kind: TransactionKind;
  /** Unique: posting the same key again moves no money (retries, redelivered events). */
  idempotencyKey: string;
  /** The deposit, investment, payment or distribution it belongs to. */
  reference: string;
  cprId: string | null;
  createdAt: Date;
  postings: Posting[];
}

/** A programming error: the code built a transaction that does not balance. */
export class UnbalancedTransactionError extends Error {
  override readonly name = 'UnbalancedTransactionError';
}

/**
 * Builds a transaction from postings: merges postings to the same account, drops the
 * ones that net to zero, and refuses anything that does not sum to zero or moves nothing.
 */
export function balancedTransaction(
  fields: Omit<LedgerTransaction, 'postings'>,
  postings: Posting[],
): LedgerTransaction {
  const byAccount = new Map<string, Posting>();
  for (const posting of postings) {
    const key = accountKey(posting.account);
    const merged = byAccount.get(key);
    byAccount.set(key, { account: posting.account, amount: (merged?.amount ?? 0n) + posting.amount });
  }
  const lines = [...byAccount.values()].filter((p) => p.amount !== 0n);
  const sum = lines.reduce((total, p) => total + p.amount, 0n);
  if (sum !== 0n) throw new UnbalancedTransactionError(`${fields.idempotencyKey}: postings sum to ${sum}, not 0`);
  if (lines.length < 2) throw new UnbalancedTransactionError(`${fields.idempotencyKey}: moves no money`);
  return { ...fields, postings: lines };
}

/** `amount` from one account to another. */
export function transfer(from: AccountRef, to: AccountRef, amount: bigint): Posting[] {
  if (amount <= 0n) throw new UnbalancedTransactionError(`a transfer moves a positive amount, got ${amount}`);
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}
