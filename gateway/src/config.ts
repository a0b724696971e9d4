import {
  baseEnvSchema,
  booleanFromEnv,
  loadConfig,
  MAX_VIEWER_BATCH,
  optionalUrlFromEnv,
  portFromEnv,
} from '@peerseed/shared';
import { z } from 'zod';
import { parseTrustProxy } from './auth-rate-limit/client-address.js';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Every setting of the gateway, with its development default (see README). */
export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4000),
  HOST: z.string().default('0.0.0.0'),
  /** Where each subgraph answers; defaults match `npm start`'s ports. */
  ACCOUNTS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  MARKETPLACE_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
  WALLET_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
  DISTRIBUTION_URL: z.string().url().default('http://127.0.0.1:4004/graphql'),
  NOTIFICATIONS_URL: z.string().url().default('http://127.0.0.1:4005/graphql'),
  CONTACTS_URL: z.string().url().default('http://127.0.0.1:4006/graphql'),
  ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** The GraphQL IDE on GET /graphql (browsers) and introspection for it. */
  GRAPHQL_IDE: booleanFromEnv(true),
  INTROSPECTION: booleanFromEnv(true),
  MAX_DEPTH: positiveInt(12),
  MAX_ALIASES: positiveInt(30),
  MAX_ROOT_FIELDS: positiveInt(20),
  MAX_TOKENS: positiveInt(2000),
  MAX_DOCUMENT_BYTES: positiveInt(20_000),
  /** Static cost of an operation: fields, lists multiplied by their size (src/limits/operation-cost.ts). */
  MAX_COST: positiveInt(20_000),
  MAX_BODY_BYTES: positiveInt(100_000),
  SUBGRAPH_TIMEOUT_MS: positiveInt(10_000),
  /** Subscriptions over WebSocket (see src/subscriptions/README.md). */
  SUBSCRIPTIONS_MAX_PER_CONNECTION: positiveInt(20),
  SUBSCRIPTIONS_MAX_CONNECTIONS_PER_USER: positiveInt(10),
  SUBSCRIPTIONS_KEEP_ALIVE_MS: positiveInt(12_000),
  SUBSCRIPTIONS_MAX_PENDING_RESULTS: positiveInt(64),
  SUBSCRIPTIONS_MAX_BUFFERED_BYTES: positiveInt(1_048_576),
  SUBSCRIPTIONS_MAX_CONCURRENT_QUERIES: positiveInt(96),
  /** Operations of different viewers in one request to a subgraph (viewer-batches.ts); at most what a subgraph takes. */
  SUBSCRIPTIONS_VIEWER_BATCH_SIZE: z.coerce.number().int().min(1).max(MAX_VIEWER_BATCH).default(32),
  /**
   * Sign-in attempts (login, register, POST /oauth/token with a password) per client address: a token
   * bucket refilled at this rate a minute and holding BURST (src/auth-rate-limit, ADR 0004).
   */
  AUTH_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  AUTH_RATE_LIMIT_BURST: positiveInt(10),
  /**
   * Whose X-Forwarded-For to believe for the client's address, as express's `trust proxy`: `false`
   * (the socket's peer), the number of proxies in front, or their addresses/CIDRs (`loopback`, …).
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, context) => {
      try {
        return parseTrustProxy(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Redis shared by the replicas for the sign-in rate limit; unset (or empty): each replica counts alone. */
  REDIS_URL: optionalUrlFromEnv(),
  REDIS_KEY_PREFIX: z.string().default('peerseed:gateway:'),
});

export type GatewayConfig = z.infer<typeof gatewayEnvSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig =>
  loadConfig(gatewayEnvSchema, env);

/** Run-time URL of each subgraph by its name in the supergraph; only composed subgraphs are used. */
export const subgraphUrls = (config: GatewayConfig): Record<string, string> => ({
  accounts: config.ACCOUNTS_URL,
  marketplace: config.MARKETPLACE_URL,
  wallet: config.WALLET_URL,
  distribution: config.DISTRIBUTION_URL,
  notifications: config.NOTIFICATIONS_URL,
  contacts: config.CONTACTS_URL,
});
