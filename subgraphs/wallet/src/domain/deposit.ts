import { ConflictError } from '@peerseed/shared/domain';

/** PENDING and CONFIRMED are stored; EXPIRED is a PENDING deposit past its time to live. */
export type DepositStatus = 'PENDING' | 'CONFIRMED' | 'EXPIRED';

/** Money a user asked to bring in; the payment provider (an ADMIN, for now) confirms it. */
export interface Deposit {
  id: string;
  ownerId: string;
  amount: bigint;
  status: 'PENDING' | 'CONFIRMED';
  createdAt: Date;
  confirmedAt: Date | null;
}

/** What the API shows: a pending deposit expires `ttlMs` after it was requested. */
export function depositStatusAt(deposit: Deposit, at: Date, ttlMs: number): DepositStatus {
  if (deposit.status === 'CONFIRMED') return 'CONFIRMED';
  return at.getTime() >= deposit.createdAt.getTime() + ttlMs ? 'EXPIRED' : 'PENDING';
}

/** A deposit is confirmed once, and never after it expired. */
export function confirmDeposit(deposit: Deposit, at: Date, ttlMs: number): Deposit {
  const status = depositStatusAt(deposit, at, ttlMs);
  if (status !== 'PENDING') throw new ConflictError(`Deposit ${deposit.id} is ${status}`);
  return { ...deposit, status: 'CONFIRMED', confirmedAt: at };
}
