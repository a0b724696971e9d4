import { baseEnvSchema, loadConfig, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

/** Every setting of the distribution subgraph, with its development default (see README). */
export const distributionEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4004),
  HOST: z.string().default('127.0.0.1'),
  /** Where the access tokens' verification keys are published. */
  ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** Platform fee on each installment payment, in basis points, taken before the split (100 = 1%). */
  DISTRIBUTION_FEE_BPS: z.coerce.number().int().min(0).max(10_000).default(0),
});

export type DistributionConfig = z.infer<typeof distributionEnvSchema>;

export const loadDistributionConfig = (env: NodeJS.ProcessEnv = process.env): DistributionConfig =>
  loadConfig(distributionEnvSchema, env);
