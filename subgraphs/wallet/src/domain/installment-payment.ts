import { ConflictError, ForbiddenError, NotFoundError } from '@peerseed/shared/domain';
import { lateChargesAt, type LateChargePolicy } from './late-charges.js';
import type { ScheduledInstallment, WalletCpr } from './wallet-cpr.js';

/** What paying one installment costs now. */
export interface InstallmentPaymentPlan {
  installmentAmount: bigint;
  lateFine: bigint;
  lateInterest: bigint;
  /** The total debited from the issuer. */
  amount: bigint;
  daysLate: number;
}

export interface InstallmentPaymentRequest {
  cprId: string;
  number: number;
  payerId: string;
  /** The wallet's projection of the CPR; null when it was never disbursed. */
  cpr: WalletCpr | null;
  installment: ScheduledInstallment | null;
  alreadyPaid: boolean;
  at: Date;
  policy: LateChargePolicy;
}

/**
 * Who may pay what: only the issuer of a disbursed (ACTIVE) CPR, only an installment of
 * its schedule that is still PENDING or LATE. A late one costs its amount plus charges.
 */
export function planInstallmentPayment(request: InstallmentPaymentRequest): InstallmentPaymentPlan {
  const { cpr, installment } = request;
  if (!cpr) throw new NotFoundError(`No disbursed CPR ${request.cprId}`);
  if (cpr.issuerId !== request.payerId) throw new ForbiddenError('Only the issuer pays the installments of a CPR');
  if (cpr.status !== 'ACTIVE') throw new ConflictError(`CPR ${cpr.id} is ${cpr.status}, it has nothing to pay`);
  if (!installment) throw new NotFoundError(`CPR ${cpr.id} has no installment ${request.number}`);
  if (request.alreadyPaid) throw new ConflictError(`Installment ${request.number} is already paid`);
  const charges = lateChargesAt(installment.amount, installment.dueDate, request.at, request.policy);
  return {
    installmentAmount: installment.amount,
    lateFine: charges.fine,
    lateInterest: charges.interest,
    amount: installment.amount + charges.fine + charges.interest,
    daysLate: charges.daysLate,
  };
}
