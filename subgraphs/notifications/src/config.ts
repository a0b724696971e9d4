import { baseEnvSchema, loadConfig, optionalUrlFromEnv, portFromEnv } from '@peerseed/shared';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** Every setting of the notifications subgraph, with its development default (see README). */
export const notificationsEnvSchema = baseEnvSchema.extend({
  PORT: portFromEnv(4005),
  HOST: z.string().default('127.0.0.1'),
  /** Where the access tokens' verification keys are published. */
  ACCOUNTS_JWKS_URL: z.string().url().default('http://127.0.0.1:4001/.well-known/jwks.json'),
  /** SMTP server for emails, e.g. `smtp://user:pass@smtp.example.com:587`; unset: emails go to the log. */
  SMTP_URL: optionalUrlFromEnv(),
  /** The From of emails. */
  MAIL_FROM: z.string().min(3).default('Peerseed <nao-responda@peerseed.com.br>'),
  /** Catch-up poll of the email outbox while idle (new emails wake the dispatcher at once). */
  EMAIL_POLL_MS: positiveInt(5_000),
  /** Attempts to send one email before it is marked FAILED. */
  EMAIL_MAX_ATTEMPTS: positiveInt(8),
  /** Delay after an email's first failed attempt; doubles per attempt, up to an hour. */
  EMAIL_RETRY_BASE_MS: positiveInt(30_000),
});

export type NotificationsConfig = z.infer<typeof notificationsEnvSchema>;

export const loadNotificationsConfig = (env: NodeJS.ProcessEnv = process.env): NotificationsConfig =>
  loadConfig(notificationsEnvSchema, env);
