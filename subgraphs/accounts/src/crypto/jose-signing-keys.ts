import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN_ALGORITHM } from '@peerseed/shared';
import type {
  AccessTokenClaims,
  AccessTokenIssuer,
  Clock,
  SigningKeyRecord,
  SigningKeyStore,
} from '../application/ports.js';

export interface SigningKeysOptions {
  store: SigningKeyStore;
  clock: Clock;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** Rotate automatically when the active key is older than this. */
  rotateAfterSeconds: number;
  /** How long a replica trusts its cached view of the key store. */
  cacheSeconds?: number;
}

type SigningKeyMaterial = Awaited<ReturnType<typeof importJWK>>;

/** Creates a new Ed25519 key pair with its RFC 7638 thumbprint as `kid`. */
export async function generateSigningKey(now: Date): Promise<SigningKeyRecord> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN_ALGORITHM, { extractable: true });
  return signingKeyFromJwk(await exportJWK(privateKey), await exportJWK(publicKey), now);
}

/** Builds a key record from a private JWK given by the environment (its public half is derived). */
export async function signingKeyFromPrivateJwk(privateJwk: JWK, now: Date): Promise<SigningKeyRecord> {
  const { d: _d, ...publicJwk } = privateJwk;
  return signingKeyFromJwk(privateJwk, publicJwk, now);
}

async function signingKeyFromJwk(privateJwk: JWK, publicJwk: JWK, now: Date): Promise<SigningKeyRecord> {
  const kid = await calculateJwkThumbprint(publicJwk);
  const publicPart = { ...publicJwk, kid, alg: ACCESS_TOKEN_ALGORITHM, use: 'sig' };
  return {
    kid,
    privateJwk: JSON.stringify({ ...privateJwk, kid, alg: ACCESS_TOKEN_ALGORITHM }),
    publicJwk: JSON.stringify(publicPart),
    createdAt: now,
    retiredAt: null,
  };
}

/**
 * Access-token signing with rotating keys: signs with the active key, publishes the
 * active key plus retired keys whose tokens may still be valid, and rotates when the
 * active key gets old (or on demand).
 *
 * The key set is kept in memory and reloaded in the background every `cacheSeconds`,
 * so signing never queries the database: sign-in runs inside a transaction, and the
 * embedded database has a single connection that the transaction holds.
 */
export class JoseSigningKeys implements AccessTokenIssuer {
  private loaded: { active: SigningKeyRecord; jwks: JWK[]; privateKey: SigningKeyMaterial } | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SigningKeysOptions) {}

  private get cacheMs(): number {
    return (this.options.cacheSeconds ?? 30) * 1000;
  }

  /** Makes sure a usable key exists (first start, or an expired one), loads it and keeps it fresh. */
  async start(given?: SigningKeyRecord): Promise<void> {
    const active = await this.options.store.active();
    if (given) {
      if (active?.kid !== given.kid) await this.options.store.activate(given, this.options.clock.now());
    } else if (!active || this.ageSeconds(active) > this.options.rotateAfterSeconds) {
      await this.options.store.activate(await generateSigningKey(this.options.clock.now()), this.options.clock.now());
    }
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), this.cacheMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts signing with a new key; returns its kid. The old key stays published. */
  async rotate(): Promise<string> {
    const now = this.options.clock.now();
    const key = await generateSigningKey(now);
    await this.options.store.activate(key, now);
    await this.reload();
    return key.kid;
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }> {
    const { active, privateKey } = this.current();
    const now = Math.floor(this.options.clock.now().getTime() / 1000);
    const ttl = this.options.accessTokenTtlSeconds;
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: active.kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .sign(privateKey);
    return { token, expiresIn: ttl };
  }

  /** The JSON Web Key Set served at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] } {
    return { keys: this.current().jwks };
  }

  /** Verification keys for accounts' own resolvers, without an HTTP round trip to itself. */
  verificationKeys(): JWTVerifyGetKey {
    return async (header, token) => {
      try {
        return await createLocalJWKSet(this.jwks())(header, token);
      } catch (error) {
        // Another replica may have rotated since this one loaded the key set: look again once.
        if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
        await this.reload();
        return createLocalJWKSet(this.jwks())(header, token);
      }
    };
  }

  /** Reads the key set from the store. */
  async reload(): Promise<void> {
    const now = this.options.clock.now();
    const active = await this.options.store.active();
    if (!active) throw new Error('No active signing key; start() must run first');
    // A retired key stays published while tokens it signed can still be valid; replicas
    // may go on signing with it until their next reload, hence the extra reload period.
    const retiredAfter = new Date(now.getTime() - this.options.accessTokenTtlSeconds * 1000 - this.cacheMs);
    const keys = await this.options.store.publishable(retiredAfter);
    this.loaded = {
      active,
      privateKey: await importJWK(JSON.parse(active.privateJwk) as JWK, ACCESS_TOKEN_ALGORITHM),
      jwks: keys.map((k) => JSON.parse(k.publicJwk) as JWK),
    };
  }

  private ageSeconds(key: SigningKeyRecord): number {
    return (this.options.clock.now().getTime() - key.createdAt.getTime()) / 1000;
  }

  private current() {
    if (!this.loaded) throw new Error('Signing keys not loaded; start() must run first');
    return this.loaded;
  }
}
