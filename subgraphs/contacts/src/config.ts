import { booleanFromEnv, baseEnvSchema, loadConfig, optionalUrlFromEnv, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Every setting of the contacts subgraph and its worker, with its development default (see README). */
export const contactsEnvSchema = baseEnvSchema
  .extend({
    PORT: portFromEnv(4006),
    HOST: z.string().default('127.0.0.1'),
    ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
    /** Redis for the shared read cache; unset (or empty): an in-process LRU cache. */
    REDIS_URL: optionalUrlFromEnv(),
    /** Prefix of every cache key (tests and benchmarks isolate themselves with it). */
    REDIS_KEY_PREFIX: z.string().default('peerseed:contacts:'),
    /** How long a cached contact (or a delete's tombstone) lives; bounds staleness if a cache write is lost. */
    CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    /** Size of the in-process cache (without Redis). */
    CACHE_MAX_ENTRIES: positiveInt(10_000),
    /** false: no read cache at all (bench/contacts.ts compares both). */
    CACHE_ENABLED: booleanFromEnv(true),
    /**
     * Whether the API process also runs the worker. Unset: yes without NATS_URL (the
     * in-process transport lives in one process), no with NATS_URL (run `npm run worker`).
     */
    RUN_WORKER: z
      .enum(['true', 'false', '1', '0'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
    /** Health and metrics port of a standalone worker (`npm run worker`). */
    WORKER_PORT: portFromEnv(4016),
    /** Time limit of one task (persisting one contact); over it the task fails and is retried. */
    WORKER_TASK_TIMEOUT_MS: positiveInt(10_000),
    /** How long the broker waits for a worker's ack before redelivering (a crashed worker's tasks). */
    WORKER_ACK_WAIT_MS: positiveInt(30_000),
    /** Deliveries of one command before it is dead-lettered. */
    WORKER_MAX_DELIVERIES: positiveInt(5),
    /** Commands one worker process handles at once. */
    WORKER_CONCURRENCY: positiveInt(8),
  })
  .refine((c) => c.WORKER_ACK_WAIT_MS > c.WORKER_TASK_TIMEOUT_MS, {
    path: ['WORKER_ACK_WAIT_MS'],
    message: 'must be longer than WORKER_TASK_TIMEOUT_MS (or a slow task is redelivered while it runs)',
  });

export type ContactsConfig = z.infer<typeof contactsEnvSchema>;

export const loadContactsConfig = (env: NodeJS.ProcessEnv = process.env): ContactsConfig =>
  loadConfig(contactsEnvSchema, env);
