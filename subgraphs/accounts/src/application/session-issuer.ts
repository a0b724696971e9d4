import type { RefreshToken } from '../domain/refresh-token.js';
import type { User } from '../domain/user.js';
import type { AccessTokenIssuer, AccountsTransaction, Clock, IdGenerator, OpaqueTokenFactory } from './ports.js';

/** What register, login and refresh hand back. */
export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: User;
}

export interface SessionIssuerDeps {
  accessTokens: AccessTokenIssuer;
  opaqueTokens: OpaqueTokenFactory;
  ids: IdGenerator;
  clock: Clock;
  refreshTokenTtlSeconds: number;
}

/** Issues an access token and a refresh token of `familyId` (a new family when omitted). */
export class SessionIssuer {
  constructor(private readonly deps: SessionIssuerDeps) {}

  async issue(tx: AccountsTransaction, user: User, familyId?: string): Promise<Session> {
    const now = this.deps.clock.now();
    const refreshToken = this.deps.opaqueTokens.create();
    const record: RefreshToken = {
      id: this.deps.ids.newId(),
      familyId: familyId ?? this.deps.ids.newId(),
      userId: user.id,
      tokenHash: this.deps.opaqueTokens.hash(refreshToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.deps.refreshTokenTtlSeconds * 1000),
      rotatedAt: null,
      revokedAt: null,
    };
    await tx.refreshTokens.add(record);
    const access = await this.deps.accessTokens.issue({ userId: user.id, role: user.role });
    return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, user };
  }
}
