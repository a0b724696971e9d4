import type { Express } from 'express';
import type { JoseSigningKeys } from '../crypto/jose-signing-keys.js';

/** Publishes the verification keys; every service and the gateway verify tokens against them. */
export function mountJwksRoute(app: Express, keys: JoseSigningKeys): void {
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('cache-control', 'public, max-age=60').json(keys.jwks());
  });
}
