import { createHash, randomBytes } from 'node:crypto';
import type { OpaqueTokenFactory } from '../application/ports.js';

/**
 * 256-bit random refresh tokens. They are unguessable, so a plain SHA-256 is
 * enough to store them (no salt or slow hash needed, unlike passwords).
 */
export const opaqueTokens: OpaqueTokenFactory = {
  create: () => randomBytes(32).toString('base64url'),
  hash: (token) => createHash('sha256').update(token).digest('hex'),
};
