/**
 * The accounts of the ledger. Users own AVAILABLE (spendable) and ESCROW accounts;
 * escrow is one account per investment, so releasing or disbursing an investment moves
 * exactly what was reserved for it. The platform owns one account of each system kind.
 */
export const AccountKind = {
  /** A user's spendable balance. */
  AVAILABLE: 'AVAILABLE',
  /** Money reserved for one investment until it is disbursed or released. */
  ESCROW: 'ESCROW',
  /** The payment provider's side of deposits (and, later, withdrawals): money outside Peerseed. */
  EXTERNAL: 'EXTERNAL',
  /** Platform revenue: origination and distribution fees. */
  FEES: 'FEES',
  /** Installment payments waiting for the distribution service to split them. */
  CLEARING: 'CLEARING',
} as const;
export type AccountKind = (typeof AccountKind)[keyof typeof AccountKind];

export const ACCOUNT_KINDS: readonly AccountKind[] = Object.values(AccountKind);

export type SystemAccountKind = 'EXTERNAL' | 'FEES' | 'CLEARING';

/** Which account a posting touches, before it has a database id. */
export type AccountRef =
  | { kind: 'AVAILABLE'; ownerId: string }
  | { kind: 'ESCROW'; ownerId: string; investmentId: string }
  | { kind: SystemAccountKind };

export const available = (ownerId: string): AccountRef => ({ kind: 'AVAILABLE', ownerId });
export const escrow = (ownerId: string, investmentId: string): AccountRef => ({
  kind: 'ESCROW',
  ownerId,
  investmentId,
});
export const system = (kind: SystemAccountKind): AccountRef => ({ kind });

/** The natural key of an account: unique, so "get or create" needs no lookup first. */
export function accountKey(ref: AccountRef): string {
  switch (ref.kind) {
    case 'AVAILABLE':
      return `available:${ref.ownerId}`;
    case 'ESCROW':
      return `escrow:${ref.investmentId}`;
    default:
      return `system:${ref.kind}`;
  }
}

/**
 * Only EXTERNAL may go below zero: it mirrors money that entered from outside. Every
 * other account (system ones included) holds real money, so a negative balance would
 * mean the ledger paid out what it never received.
 */
export const mayGoNegative = (kind: AccountKind): boolean => kind === AccountKind.EXTERNAL;
