import { JWKS_MAX_AGE_MS } from '@peerseed/shared';
import type { Express } from 'express';
import type { JoseSigningKeys } from '../crypto/jose-signing-keys.js';

/** Publishes the verification keys; every service and the gateway verify tokens against them. */
export function mountJwksRoute(app: Express, keys: JoseSigningKeys): void {
  app.get('/.well-known/jwks.json', (_req, res) => {
    // HTTP caches keep the set no longer than our own verifiers do (docs/adr/0002).
    res.set('cache-control', `public, max-age=${JWKS_MAX_AGE_MS / 1000}`).json(keys.jwks());
  });
}
