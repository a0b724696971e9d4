import { baseEnvSchema, loadConfig, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

/** Every setting of the accounts subgraph, with its development default (see README). */
export const accountsEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4001),
  HOST: z.string().default('127.0.0.1'),
  /** First ADMIN, created at start when no ADMIN exists. Development defaults; set real ones in production. */
  PEERSEED_ADMIN_EMAIL: z.string().email().default('admin@peerseed.local'),
  PEERSEED_ADMIN_PASSWORD: z.string().min(10).default('peerseed-admin-dev'),
  PEERSEED_ADMIN_DOCUMENT: z.string().default('52998224725'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
  /** A private Ed25519 JWK (JSON) to sign with instead of a generated, stored key. */
  ACCOUNTS_SIGNING_KEY: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text === '') return undefined;
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON private JWK' });
        return z.NEVER;
      }
    }),
  SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).default(30),
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
});

export type AccountsConfig = z.infer<typeof accountsEnvSchema>;

export const loadAccountsConfig = (env: NodeJS.ProcessEnv = process.env): AccountsConfig =>
  loadConfig(accountsEnvSchema, env);
