/**
 * The wallet's own projection of a CPR, built from marketplace's events: enough to
 * know who pays (the issuer), who may see its payments (the holders) and what is due.
 */
export interface WalletCpr {
  id: string;
  issuerId: string;
  /** ACTIVE once disbursed; CANCELLED when the offer was cancelled before that. */
  status: 'ACTIVE' | 'CANCELLED';
  /** Set at disbursement. */
  fundedAmount: bigint | null;
  originationFee: bigint | null;
  updatedAt: Date;
}

/** Who holds how much of a disbursed CPR (from `marketplace.cpr.disbursed`). */
export interface Holding {
  cprId: string;
  investmentId: string;
  investorId: string;
  amount: bigint;
}

/** One installment of the fixed schedule. */
export interface ScheduledInstallment {
  cprId: string;
  number: number;
  dueDate: Date;
  amount: bigint;
}

export type InstallmentStatus = 'PENDING' | 'LATE' | 'PAID';

/** LATE is not stored: an unpaid installment is late from the first instant past its due date. */
export function installmentStatusAt(installment: ScheduledInstallment, paid: boolean, at: Date): InstallmentStatus {
  if (paid) return 'PAID';
  return at.getTime() > installment.dueDate.getTime() ? 'LATE' : 'PENDING';
}
