import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { DistributionView } from '../application/ports.js';

/** Per request: batched lookups as this request's viewer may see them (GetDistributions). */
export interface DistributionContext extends BaseContext {
  /** By distribution id (`distribution`, federation references). */
  distributions: DataLoader<string, DistributionView | null>;
  /** By CPR id (`Cpr.distributions`): a page of CPRs costs one query. */
  distributionsByCpr: DataLoader<string, DistributionView[]>;
  /** By payment id (`Payment.distribution`). */
  distributionsByPayment: DataLoader<string, DistributionView | null>;
}
