import { baseEnvSchema, loadConfig, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

/** Every setting of the marketplace subgraph, with its development default (see README). */
export const marketplaceEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4002),
  HOST: z.string().default('127.0.0.1'),
  ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** How often the scheduler closes offers at their deadline and marks installments LATE. */
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(30_000),
  /** A retail investor's yearly limit across offers, in centavos (CVM 88: R$ 20,000.00). */
  ANNUAL_INVESTMENT_LIMIT_CENTAVOS: z.coerce.bigint().default(2_000_000n),
  WITHDRAWAL_DAYS: z.coerce.number().int().min(0).default(5),
  MAX_OFFER_DAYS: z.coerce.number().int().min(1).default(180),
});

export type MarketplaceConfig = z.infer<typeof marketplaceEnvSchema>;

export const loadMarketplaceConfig = (env: NodeJS.ProcessEnv = process.env): MarketplaceConfig =>
  loadConfig(marketplaceEnvSchema, env);
