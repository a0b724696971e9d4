import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM } from '../auth/access-token.js';
import type { Role } from '../auth/role.js';

export interface TestIssuer {
  /** Verification keys to give a subgraph under test instead of the accounts JWKS. */
  keys: JWTVerifyGetKey;
  /** An access token as accounts would issue it (default issuer and audience). */
  token(userId: string, role: Role, options?: { expiresInSeconds?: number }): Promise<string>;
  /** A bearer header for `token`. */
  bearer(userId: string, role: Role): Promise<{ authorization: string }>;
}

/**
 * Signs access tokens like accounts does, so a subgraph's integration tests run
 * without the accounts service (the end-to-end tests use the real one).
 */
export async function createTestIssuer(
  issuer = 'https://accounts.peerseed.local',
  audience = 'peerseed-api',
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  const kid = randomUUID();
  const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: ACCESS_TOKEN_ALGORITHM }] });
  const token = async (userId: string, role: Role, options: { expiresInSeconds?: number } = {}) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ role })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(userId)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? 900))
      .sign(privateKey);
  };
  return { keys, token, bearer: async (userId, role) => ({ authorization: `Bearer ${await token(userId, role)}` }) };
}
