import { importJWK, SignJWT, type JWK } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import type { AccountsApp } from '@peerseed/accounts/app';

/** The private JWK accounts signs with, read from its database: lets tests forge claims. */
export async function activePrivateJwk(accounts: AccountsApp): Promise<JWK> {
  const rows = await accounts.orm.em
    .fork()
    .getConnection()
    .execute<{ private_jwk: string }[]>(`select private_jwk from signing_keys where retired_at is null`);
  return JSON.parse(rows[0]!.private_jwk) as JWK;
}

export interface ClaimsOverride {
  sub?: string;
  role?: string;
  iss?: string;
  aud?: string;
  exp?: number;
  kid?: string;
}

/** Signs arbitrary claims with `jwk` (EdDSA), for tokens that are validly signed but wrong. */
export async function signWith(jwk: JWK, claims: ClaimsOverride): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: claims.role ?? 'ADMIN' })
    .setProtectedHeader({ alg: 'EdDSA', kid: claims.kid ?? jwk.kid! })
    .setIssuer(claims.iss ?? 'https://accounts.peerseed.local')
    .setAudience(claims.aud ?? 'peerseed-api')
    .setSubject(claims.sub ?? '00000000-0000-4000-8000-000000000000')
    .setIssuedAt(now)
    .setExpirationTime(claims.exp ?? now + 600)
    .sign(await importJWK(jwk, 'EdDSA'));
}

/** A fresh Ed25519 key that accounts never published. */
export function strangerJwk(kid: string): JWK {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `alg: none`: an unsigned token that claims to be an ADMIN. */
export function unsignedToken(sub: string): string {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub, role: 'ADMIN', iss: 'https://accounts.peerseed.local', aud: 'peerseed-api', iat: now, exp: now + 600 })}.`;
}

/** Changes the payload of a real token (e.g. role → ADMIN) and keeps its signature. */
export function tamperedToken(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return `${header}.${b64({ ...claims, ...changes })}.${signature}`;
}
