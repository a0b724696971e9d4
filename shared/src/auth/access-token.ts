import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/app-error.js';
import type { Identity } from './identity.js';
import { isRole } from './role.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export type { Identity };

/** The one signature algorithm access tokens use; verifiers accept nothing else. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';

export interface AccessTokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Where the public keys come from: the accounts JWKS, or accounts' own key store. */
  keys: JWTVerifyGetKey;
  /** Verified tokens remembered until they expire (default: up to 10,000 for 60 s each). */
  cache?: VerifiedTokenCache;
}

export type AccessTokenVerifier = (token: string) => Promise<Identity>;

/** How long a fetched key set is used before it is fetched again (the endpoint's max-age too). */
export const JWKS_MAX_AGE_MS = 60_000;
// An unknown `kid` refetches the key set at most this often, so made-up kids cannot flood accounts.
const JWKS_COOLDOWN_MS = 30_000;

/**
 * The accounts JWKS over HTTP, cached, refetched when an unknown `kid` shows up.
 * The cache age bounds how long a key withdrawn from the JWKS still verifies new tokens
 * (docs/adr/0002); the verified-token cache can keep a token verified just before for as long again.
 */
export function remoteJwks(url: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), { cacheMaxAge: JWKS_MAX_AGE_MS, cooldownDuration: JWKS_COOLDOWN_MS });
}

/**
 * Verifies signature, algorithm, issuer, audience, expiry and the claims we rely on.
 * Every failure is the same UNAUTHENTICATED error: no hint about which check failed.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const cache = options.cache ?? new VerifiedTokenCache();
  return async (token) => {
    const cached = cache.get(token);
    if (cached) return cached;
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || !isRole(payload['role']) || typeof payload.exp !== 'number') {
        throw new UnauthenticatedError('Invalid access token');
      }
      const identity = { userId: payload.sub, role: payload['role'], expiresAt: new Date(payload.exp * 1000) };
      cache.set(token, identity);
      return identity;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Access token expired');
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JOSEError) throw new UnauthenticatedError('Invalid access token');
      throw error; // e.g. the JWKS endpoint is unreachable: not the caller's fault
    }
  };
}

/**
 * Reads `Authorization: Bearer <token>`. No header: anonymous (null). A header
 * that is present but malformed or invalid is an error, never silently anonymous.
 */
export async function identityFromAuthorization(
  header: string | undefined,
  verify: AccessTokenVerifier,
): Promise<Identity | null> {
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim());
  if (!match?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <access token>"');
  return verify(match[1]);
}
