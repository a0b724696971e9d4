import type { Identity } from './identity.js';

/**
 * Remembers tokens already verified, so a client's burst of requests costs one
 * signature check, not one each. An entry lives until the token expires but at most
 * `maxAgeMs`: with the key-set cache of `remoteJwks`, that bounds how long a key withdrawn
 * from the JWKS stays trusted (docs/adr/0002).
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { identity: Identity; until: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 60_000,
  ) {}

  get(token: string, now = Date.now()): Identity | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.identity;
  }

  set(token: string, identity: Identity, now = Date.now()): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { identity, until: Math.min(identity.expiresAt.getTime(), now + this.maxAgeMs) });
  }
}
