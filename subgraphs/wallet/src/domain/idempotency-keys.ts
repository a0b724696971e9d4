/**
 * Idempotency keys of ledger transactions: one per business movement, so whichever
 * path triggers it (a retried command, a redelivered event, a second event that
 * implies the same movement) moves the money once.
 */
export const IdempotencyKey = {
  deposit: (depositId: string) => `deposit:${depositId}`,
  reserve: (investmentId: string) => `reserve:${investmentId}`,
  /** Shared by investment.cancelled and cpr.cancelled: whichever arrives first releases. */
  release: (investmentId: string) => `release:${investmentId}`,
  disburse: (cprId: string) => `disburse:${cprId}`,
  /** One payment per installment, however many requests race for it. */
  installment: (cprId: string, number: number) => `installment:${cprId}:${number}`,
  distribution: (distributionId: string) => `distribution:${distributionId}`,
};
