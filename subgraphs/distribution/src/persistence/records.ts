/** A row of `distributions`: a distribution without its lines. */
export interface DistributionRecord {
  id: string;
  paymentId: string;
  cprId: string;
  installmentNumber: number;
  total: bigint;
  fee: bigint;
  createdAt: Date;
}

/** A row of `distribution_lines`; `position` keeps the split's priority order. */
export interface DistributionLineRecord {
  distributionId: string;
  investorId: string;
  position: number;
  amount: bigint;
}
