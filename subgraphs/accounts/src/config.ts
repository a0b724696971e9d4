import { baseEnvSchema, loadConfig, optionalFromEnv, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';
import { MIN_ACTIVATION_DELAY_SECONDS } from './crypto/jose-signing-keys.js';
import { passwordProblem } from './domain/password-policy.js';

/** The first ADMIN's development credentials (README quick start); production must set its own. */
const DEV_ADMIN_EMAIL = 'admin@peerseed.local';
const DEV_ADMIN_PASSWORD = 'peerseed-admin-dev';

/** Every setting of the accounts subgraph, with its development default (see README). */
const accountsEnvShape = baseEnvSchema.extend({
  PORT: portFromEnv(4001),
  HOST: z.string().default('127.0.0.1'),
  /**
   * First ADMIN, created at start when no ADMIN exists. Unset: the development defaults above,
   * which NODE_ENV=production refuses (they are public, and an ADMIN can confirm deposits).
   */
  PEERSEED_ADMIN_EMAIL: optionalFromEnv(z.string().email()),
  /** The first ADMIN's password, under the same rule as every user's (register). */
  PEERSEED_ADMIN_PASSWORD: optionalFromEnv(
    z.string().superRefine((password, ctx) => {
      const problem = passwordProblem(password);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  ),
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
  /**
   * How long a rotated-in key is published before it signs (docs/adr/0002). At least 90 s: a
   * replica's key-set reload (30 s) plus a verifier's JWKS cache (60 s); the default adds 30 s
   * for a failed reload, slow fetches and clock skew between replicas.
   */
  SIGNING_KEY_ACTIVATION_DELAY_SECONDS: z.coerce.number().int().min(MIN_ACTIVATION_DELAY_SECONDS).default(120),
  LOGIN_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
});

const ADMIN_INPUTS = new Set<PropertyKey | undefined>(['NODE_ENV', 'PEERSEED_ADMIN_EMAIL', 'PEERSEED_ADMIN_PASSWORD']);

export const accountsEnvSchema = accountsEnvShape
  .superRefine(
    (env, ctx) => {
      if (env.NODE_ENV !== 'production') return;
      const required = 'must be set when NODE_ENV=production (the development default is public)';
      if (env.PEERSEED_ADMIN_EMAIL === undefined) {
        ctx.addIssue({ code: 'custom', path: ['PEERSEED_ADMIN_EMAIL'], message: required });
      }
      if (env.PEERSEED_ADMIN_PASSWORD === undefined) {
        ctx.addIssue({ code: 'custom', path: ['PEERSEED_ADMIN_PASSWORD'], message: required });
      } else if (env.PEERSEED_ADMIN_PASSWORD === DEV_ADMIN_PASSWORD) {
        ctx.addIssue({
          code: 'custom',
          path: ['PEERSEED_ADMIN_PASSWORD'],
          message: 'must not be the development default when NODE_ENV=production',
        });
      }
    },
    // Also when other settings are bad, so the operator sees every problem at once.
    { when: ({ issues }) => !issues.some((issue) => ADMIN_INPUTS.has(issue.path?.[0])) },
  )
  .transform((env) => ({
    ...env,
    PEERSEED_ADMIN_EMAIL: env.PEERSEED_ADMIN_EMAIL ?? DEV_ADMIN_EMAIL,
    PEERSEED_ADMIN_PASSWORD: env.PEERSEED_ADMIN_PASSWORD ?? DEV_ADMIN_PASSWORD,
  }));

export type AccountsConfig = z.infer<typeof accountsEnvSchema>;

export const loadAccountsConfig = (env: NodeJS.ProcessEnv = process.env): AccountsConfig =>
  loadConfig(accountsEnvSchema, env);
