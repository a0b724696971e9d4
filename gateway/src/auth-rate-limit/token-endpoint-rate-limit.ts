import type { RequestHandler } from 'express';
import type { Counter } from 'prom-client';
import type { AuthRateLimiter } from './auth-rate-limiter.js';
import { refusalMessage } from './auth-rate-limit.plugin.js';
import { requestClientAddress, type TrustedProxies } from './client-address.js';

/**
 * `POST /oauth/token` with a password is a sign-in too: it takes a token from the same bucket
 * as the GraphQL mutations. A refresh grant does not (as `refreshToken`, see AUTH_FIELDS), so
 * this runs on the body, which the proxy reads capped at 4 kB. A refusal is answered as
 * accounts answers its own per-account lock there: 429, Retry-After and an RFC 6749 error body.
 */
export function tokenEndpointRateLimit(
  limiter: AuthRateLimiter,
  trusted: TrustedProxies,
  refused: Counter<'endpoint'>,
): RequestHandler {
  return async (req, res, next) => {
    // Accounts reads the form only (anything else it refuses); any other grant, or none, is counted.
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (new URLSearchParams(body).get('grant_type') === 'refresh_token') return next();
    const decision = await limiter.take(requestClientAddress(req, trusted), 1);
    if (decision.allowed) return next();
    refused.inc({ endpoint: 'oauth-token' });
    res
      .status(429)
      .set({ 'retry-after': String(decision.retryAfterSeconds), 'cache-control': 'no-store' })
      .json({ error: 'invalid_grant', error_description: refusalMessage(decision, limiter.policy.burst) });
  };
}
