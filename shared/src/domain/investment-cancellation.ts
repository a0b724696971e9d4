/**
 * Why an investment was cancelled, as `marketplace.investment.cancelled` carries it: the
 * investor withdrew (WITHDRAWN), the offer was cancelled and everyone refunded
 * (OFFER_CANCELLED), or the offer closed FUNDED before the wallet confirmed this investment
 * (OFFER_CLOSED). Here rather than beside the contract so that a subgraph's domain/ can name
 * it: domain/ imports only `@peerseed/shared/domain`, never the events kit.
 */
export const INVESTMENT_CANCELLATION_REASONS = ['WITHDRAWN', 'OFFER_CANCELLED', 'OFFER_CLOSED'] as const;
export type InvestmentCancellationReason = (typeof INVESTMENT_CANCELLATION_REASONS)[number];
