import { Role, type Identity } from '@peerseed/shared/domain';

/** An installment paid from the issuer's wallet. Only CONFIRMED payments exist for now. */
export interface Payment {
  id: string;
  cprId: string;
  installmentNumber: number;
  payerId: string;
  /** The scheduled installment amount. */
  installmentAmount: bigint;
  lateFine: bigint;
  lateInterest: bigint;
  /** installmentAmount + lateFine + lateInterest: what left the issuer's wallet. */
  amount: bigint;
  status: 'PENDING' | 'CONFIRMED' | 'FAILED';
  paidAt: Date | null;
}

/** Who may see a payment: the CPR's issuer, its investors (holders) and ADMINs. */
export function canSeePayment(viewer: Identity, issuerId: string, viewerHoldsTheCpr: boolean): boolean {
  return viewer.role === Role.ADMIN || viewer.userId === issuerId || viewerHoldsTheCpr;
}
