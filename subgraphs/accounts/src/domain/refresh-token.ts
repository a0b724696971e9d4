/**
 * One refresh token of a session family (RFC 9700): each use rotates it to a new
 * token of the same family; presenting a token that was already rotated means it
 * leaked, so the whole family is revoked.
 */
export interface RefreshToken {
  id: string;
  familyId: string;
  userId: string;
  /** SHA-256 of the opaque token; the token itself is never stored. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

export type RefreshTokenState = 'usable' | 'expired' | 'reused' | 'revoked';

export function refreshTokenState(token: RefreshToken, now: Date): RefreshTokenState {
  if (token.revokedAt) return 'revoked';
  if (token.rotatedAt) return 'reused';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'usable';
}
