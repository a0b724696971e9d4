import { UnauthenticatedError } from '@peerseed/shared/domain';
import { refreshTokenState } from '../domain/refresh-token.js';
import type { Clock, OpaqueTokenFactory, UnitOfWork } from './ports.js';
import type { Session, SessionIssuer } from './session-issuer.js';

export interface RefreshSessionDeps {
  uow: UnitOfWork;
  clock: Clock;
  opaqueTokens: OpaqueTokenFactory;
  sessions: SessionIssuer;
}

type Outcome = { ok: true; session: Session } | { ok: false; error: Error };

/**
 * Rotates a refresh token (RFC 9700 §4.14): the presented token is spent and a new
 * one of the same family is issued. A spent token presented again means it leaked:
 * the whole family is revoked, the legitimate holder included, and must log in again.
 */
export class RefreshSession {
  constructor(private readonly deps: RefreshSessionDeps) {}

  async execute(refreshToken: string): Promise<Session> {
    const tokenHash = this.deps.opaqueTokens.hash(refreshToken);
    // Revocation must commit even though the caller gets an error, hence the outcome value.
    const outcome = await this.deps.uow.run(async (tx): Promise<Outcome> => {
      const now = this.deps.clock.now();
      const token = await tx.refreshTokens.findByHashForUpdate(tokenHash);
      if (!token) return { ok: false, error: new UnauthenticatedError('Invalid refresh token') };
      const state = refreshTokenState(token, now);
      if (state === 'reused') {
        await tx.refreshTokens.revokeFamily(token.familyId, now);
        return { ok: false, error: new UnauthenticatedError('Refresh token reuse detected; the session was revoked') };
      }
      if (state !== 'usable') return { ok: false, error: new UnauthenticatedError(`Refresh token ${state}`) };
      const user = await tx.users.findById(token.userId);
      if (!user) return { ok: false, error: new UnauthenticatedError('Invalid refresh token') };
      await tx.refreshTokens.markRotated(token.id, now);
      return { ok: true, session: await this.deps.sessions.issue(tx, user, token.familyId) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.session;
  }
}
