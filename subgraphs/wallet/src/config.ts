import { baseEnvSchema, loadConfig, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

const bps = (fallback: number) => z.coerce.number().int().min(0).max(10_000).default(fallback);

/** Every setting of the wallet subgraph, with its development default (see README). */
export const walletEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4003),
  HOST: z.string().default('127.0.0.1'),
  /** Where the access tokens' verification keys are published. */
  ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** Origination fee taken at disbursement, in basis points of the funded amount (300 = 3%). */
  ORIGINATION_FEE_BPS: bps(300),
  /** Late installments: one-off fine, in basis points of the installment (200 = 2%). */
  LATE_FINE_BPS: bps(200),
  /** Late installments: interest per 30-day month, charged per day late, in basis points (100 = 1%). */
  LATE_INTEREST_MONTHLY_BPS: bps(100),
  /** How long a requested deposit waits for the payment provider before it expires. */
  DEPOSIT_TTL_HOURS: z.coerce.number().int().min(1).default(24),
});

export type WalletConfig = z.infer<typeof walletEnvSchema>;

export const loadWalletConfig = (env: NodeJS.ProcessEnv = process.env): WalletConfig =>
  loadConfig(walletEnvSchema, env);
