/**
 * The wallet's answer to one investment request, remembered so that a second request
 * for the same investment gets the same answer and moves no money.
 */
export const ReservationStatus = {
  /** The amount sits in the investment's escrow account. */
  RESERVED: 'RESERVED',
  /** Not enough available balance: nothing moved. */
  REJECTED: 'REJECTED',
  /** Cancelled: the escrow went back to available (or the cancellation came first, and nothing moved). */
  RELEASED: 'RELEASED',
  /** The escrow went to the issuer. */
  DISBURSED: 'DISBURSED',
} as const;
export type ReservationStatus = (typeof ReservationStatus)[keyof typeof ReservationStatus];

export interface Reservation {
  investmentId: string;
  cprId: string;
  investorId: string;
  amount: bigint;
  status: ReservationStatus;
  createdAt: Date;
  updatedAt: Date;
}
