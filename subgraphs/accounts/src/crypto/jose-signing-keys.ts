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
import { ACCESS_TOKEN_ALGORITHM, JWKS_MAX_AGE_MS } from '@peerseed/shared';
import type {
  AccessTokenClaims,
  AccessTokenIssuer,
  Clock,
  SigningKeyRecord,
  SigningKeyStore,
} from '../application/ports.js';

/** How often a replica reloads the key set from the store, and so learns of another's rotation. */
export const KEY_SET_RELOAD_SECONDS = 30;

/**
 * The shortest delay between publishing a key and signing with it (docs/adr/0002). Within one
 * reload every accounts replica serves the new key, and a verifier fetches the JWKS again once
 * its copy is older than JWKS_MAX_AGE_MS; so after both, no verifier can meet the new kid
 * before it holds it, and jose's refetch cooldown never comes into play.
 */
export const MIN_ACTIVATION_DELAY_SECONDS = KEY_SET_RELOAD_SECONDS + JWKS_MAX_AGE_MS / 1000;

export interface SigningKeysOptions {
  store: SigningKeyStore;
  clock: Clock;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** Rotate automatically when the signing key has signed for longer than this. */
  rotateAfterSeconds: number;
  /** How long a new key is published before it signs: at least the reload period plus JWKS_MAX_AGE_MS. */
  activationDelaySeconds: number;
}

type SigningKeyMaterial = Awaited<ReturnType<typeof importJWK>>;

/** A key that signs now or will: its signing window and its private half. */
interface Signer {
  kid: string;
  activatesAt: Date;
  retiredAt: Date | null;
  privateKey: SigningKeyMaterial;
}

/**
 * The key that signs at `at`: of those whose window holds `at`, the last activated. Normally
 * there is one; two replicas rotating at once can leave the earlier next key unretired.
 */
function signerAt<K extends Pick<SigningKeyRecord, 'activatesAt' | 'retiredAt'>>(keys: readonly K[], at: Date) {
  const time = at.getTime();
  let found: K | undefined;
  for (const key of keys) {
    const signs = key.activatesAt.getTime() <= time && (key.retiredAt === null || key.retiredAt.getTime() > time);
    if (signs && (!found || key.activatesAt.getTime() > found.activatesAt.getTime())) found = key;
  }
  return found;
}

function latestActivation(keys: readonly SigningKeyRecord[]): Date {
  return new Date(Math.max(...keys.map((key) => key.activatesAt.getTime())));
}

/** Creates a new Ed25519 key pair with its RFC 7638 thumbprint as `kid`; it would sign from `now`. */
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
    activatesAt: now,
    retiredAt: null,
  };
}

/**
 * Access-token signing with rotating keys. A rotation publishes the next key at once and lets
 * it sign only `activationDelaySeconds` later; the current key signs until then. The JWKS holds
 * the current key, the next one, and retired keys whose tokens may still be valid.
 *
 * The key set is kept in memory and reloaded in the background every KEY_SET_RELOAD_SECONDS,
 * so signing never queries the database: sign-in runs inside a transaction, and the
 * embedded database has a single connection that the transaction holds. Which loaded key
 * signs is decided by the clock, so replicas switch to the next key together, without a reload.
 */
export class JoseSigningKeys implements AccessTokenIssuer {
  private loaded: { signers: Signer[]; jwks: JWK[] } | null = null;
  /** Private keys already imported, by kid: a reload imports only keys it has not seen. */
  private imported = new Map<string, SigningKeyMaterial>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SigningKeysOptions) {
    // config.ts enforces this too; kept for callers that construct the class directly.
    if (options.activationDelaySeconds < MIN_ACTIVATION_DELAY_SECONDS) {
      throw new Error(
        `activationDelaySeconds must be at least ${MIN_ACTIVATION_DELAY_SECONDS}: verifiers would meet an unknown kid`,
      );
    }
  }

  /**
   * Makes sure a key signs (first start, or a given one), rotates an old one, loads the key set
   * and keeps it fresh. A new key is published ahead of signing whenever another key signs;
   * with none (a fresh install) no verifier can be waiting for one, so it signs at once.
   */
  async start(given?: SigningKeyRecord): Promise<void> {
    const now = this.options.clock.now();
    const live = await this.options.store.publishable(now);
    const signing = signerAt(live, now);
    if (!signing) {
      await this.schedule(given ?? (await generateSigningKey(now)), now);
    } else if (given) {
      // The environment's key: nothing to do while it signs or is next (every replica starts with it).
      if (!live.some((key) => key.kid === given.kid)) await this.schedule(given, this.activationTime(now));
    } else if (this.secondsSince(latestActivation(live), now) > this.options.rotateAfterSeconds) {
      // Measured from the latest activation, so replicas restarting during the delay rotate once.
      await this.schedule(await generateSigningKey(now), this.activationTime(now));
    }
    await this.reload();
    this.timer = setInterval(() => void this.reload().catch(() => undefined), KEY_SET_RELOAD_SECONDS * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Publishes a new key now, to sign from `activatesAt`; the current key signs until then. */
  async rotate(): Promise<{ kid: string; activatesAt: Date }> {
    const now = this.options.clock.now();
    const key = await generateSigningKey(now);
    const activatesAt = this.activationTime(now);
    await this.schedule(key, activatesAt);
    await this.reload();
    return { kid: key.kid, activatesAt };
  }

  async issue(claims: AccessTokenClaims): Promise<{ token: string; expiresIn: number }> {
    const at = this.options.clock.now();
    const signer = signerAt(this.current().signers, at);
    if (!signer) throw new Error('No signing key is active; start() must run first');
    const now = Math.floor(at.getTime() / 1000);
    const ttl = this.options.accessTokenTtlSeconds;
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: ACCESS_TOKEN_ALGORITHM, kid: signer.kid, typ: 'JWT' })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(claims.userId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ttl)
      .sign(signer.privateKey);
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
    // A retired key stays published while tokens it signed can still be valid; a replica
    // that missed the rotation may go on signing with it until its next reload, hence the
    // extra reload period.
    const retiredAfter = new Date(now.getTime() - (this.options.accessTokenTtlSeconds + KEY_SET_RELOAD_SECONDS) * 1000);
    const keys = await this.options.store.publishable(retiredAfter);
    const unretired = keys.filter((key) => key.retiredAt === null || key.retiredAt > now);
    if (unretired.length === 0) throw new Error('No signing key; start() must run first');
    const imported = new Map<string, SigningKeyMaterial>();
    const signers = await Promise.all(
      unretired.map(async ({ kid, activatesAt, retiredAt, privateJwk }) => {
        const privateKey =
          this.imported.get(kid) ?? (await importJWK(JSON.parse(privateJwk) as JWK, ACCESS_TOKEN_ALGORITHM));
        imported.set(kid, privateKey);
        return { kid, activatesAt, retiredAt, privateKey };
      }),
    );
    // Keys no longer loaded (retired, or gone from the store) are dropped with the old map.
    this.imported = imported;
    this.loaded = { signers, jwks: keys.map((key) => JSON.parse(key.publicJwk) as JWK) };
  }

  private schedule(key: SigningKeyRecord, activatesAt: Date): Promise<void> {
    return this.options.store.schedule({ ...key, activatesAt });
  }

  private activationTime(now: Date): Date {
    return new Date(now.getTime() + this.options.activationDelaySeconds * 1000);
  }

  private secondsSince(then: Date, now: Date): number {
    return (now.getTime() - then.getTime()) / 1000;
  }

  private current() {
    if (!this.loaded) throw new Error('Signing keys not loaded; start() must run first');
    return this.loaded;
  }
}
