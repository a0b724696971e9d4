import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { InvestmentUseCases } from '../application/investment-use-cases.js';
import type { OfferUseCases } from '../application/offer-use-cases.js';
import type { QueryUseCases } from '../application/query-use-cases.js';
import type { Cpr } from '../domain/cpr.js';
import type { Installment } from '../domain/installment-schedule.js';

export interface MarketplaceContext extends BaseContext {
  offers: OfferUseCases;
  investments: InvestmentUseCases;
  queries: QueryUseCases;
  /** Batched per request: one query per entity type, not one per row. */
  cprs: DataLoader<string, Cpr | null>;
  installments: DataLoader<string, Installment[]>;
}
