import { z } from 'zod';

/** Raised at start-up when the environment does not satisfy a service's schema. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses `env` with `schema` and fails fast listing every problem at once,
 * so an operator fixes the whole environment in one go.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return result.data;
}

/** Environment flags arrive as strings: only "true"/"1" and "false"/"0" are accepted. */
export const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? fallback : v === 'true' || v === '1'));

export const portFromEnv = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/**
 * An optional setting checked by `schema`, where an empty string (common in .env and compose
 * files) means unset.
 */
export const optionalFromEnv = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** An optional URL where an empty string means unset. */
export const optionalUrlFromEnv = () => optionalFromEnv(z.string().url());

/** Settings every service shares; each service extends this schema in its own config.ts. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A PostgreSQL server URL; each service uses its own database on it. Unset: embedded PGlite. */
  DATABASE_URL: optionalUrlFromEnv(),
  /** Overrides the database name on the server (default `peerseed_<service>`); tests and benchmarks use their own. */
  DATABASE_NAME: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .optional(),
  /** Where embedded databases keep their files when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('.data'),
  /** NATS with JetStream for the domain events; unset: an in-process transport. */
  NATS_URL: optionalUrlFromEnv(),
  /** Prefix of JetStream streams and subjects (tests and benchmarks isolate themselves with it). */
  EVENTS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_]*$/)
    .default(''),
  JWT_ISSUER: z.string().min(1).default('https://accounts.peerseed.local'),
  JWT_AUDIENCE: z.string().min(1).default('peerseed-api'),
});
