import { AppError, ErrorCode, type Logger } from '@peerseed/shared';
import express, { type Express, type Response } from 'express';
import type { Session } from '../application/session-issuer.js';

export interface OAuthTokenUseCases {
  login: (username: string, password: string) => Promise<Session>;
  refresh: (refreshToken: string) => Promise<Session>;
}

function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).set('cache-control', 'no-store').json({ error, error_description: description });
}

/** Maps our errors to RFC 6749 §5.2 error responses. */
function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof AppError) {
    if (error.code === ErrorCode.RATE_LIMITED) {
      res.set('retry-after', String(error.details['retryAfterSeconds'] ?? 60));
      return oauthError(res, 429, 'invalid_grant', error.message);
    }
    if (error.code === ErrorCode.BAD_USER_INPUT) return oauthError(res, 400, 'invalid_request', error.message);
    return oauthError(res, 400, 'invalid_grant', error.message);
  }
  logger.error({ err: error }, 'token endpoint failed');
  oauthError(res, 500, 'server_error', 'Internal server error');
}

/**
 * `POST /oauth/token` (RFC 6749): `grant_type=password` (username, password) and
 * `grant_type=refresh_token`, form-encoded, beside the GraphQL mutations.
 */
export function mountOAuthTokenRoute(app: Express, useCases: () => OAuthTokenUseCases, logger: Logger): void {
  app.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      return oauthError(res, 400, 'invalid_request', 'Body must be application/x-www-form-urlencoded');
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
    try {
      let session: Session;
      switch (field('grant_type')) {
        case 'password': {
          const username = field('username');
          const password = field('password');
          if (!username || !password)
            return oauthError(res, 400, 'invalid_request', 'username and password are required');
          session = await useCases().login(username, password);
          break;
        }
        case 'refresh_token': {
          const token = field('refresh_token');
          if (!token) return oauthError(res, 400, 'invalid_request', 'refresh_token is required');
          session = await useCases().refresh(token);
          break;
        }
        case undefined:
          return oauthError(res, 400, 'invalid_request', 'grant_type is required');
        default:
          return oauthError(res, 400, 'unsupported_grant_type', 'Supported grants: password, refresh_token');
      }
      res.set('cache-control', 'no-store').set('pragma', 'no-cache').json({
        access_token: session.accessToken,
        token_type: 'Bearer',
        expires_in: session.expiresIn,
        refresh_token: session.refreshToken,
      });
    } catch (error) {
      sendError(res, error, logger);
    }
  });
}
