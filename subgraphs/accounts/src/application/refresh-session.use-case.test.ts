import { beforeEach, describe, expect, it } from '@jest/globals';
import { UnauthenticatedError } from '@peerseed/shared/domain';
import { accountsFixture, anInvestor, InMemoryAccounts, ManualClock } from '../../test/fakes/in-memory-accounts.js';
import { RefreshSession } from './refresh-session.use-case.js';
import type { Session } from './session-issuer.js';

describe('RefreshSession', () => {
  let db: InMemoryAccounts;
  let clock: ManualClock;
  let refresh: RefreshSession;
  let first: Session;

  beforeEach(async () => {
    const fixture = accountsFixture();
    ({ db, clock } = fixture);
    refresh = new RefreshSession({ uow: db, clock, opaqueTokens: fixture.opaqueTokens, sessions: fixture.sessions });
    first = await fixture.register.execute(anInvestor());
  });

  it('rotates: each refresh token works once and yields a new one of the same family', async () => {
    const second = await refresh.execute(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const families = new Set([...db.tokens.values()].map((t) => t.familyId));
    expect(families.size).toBe(1);
    await expect(refresh.execute(second.refreshToken)).resolves.toBeDefined();
  });

  it('revokes the whole family when a spent token is presented again', async () => {
    const second = await refresh.execute(first.refreshToken);
    await expect(refresh.execute(first.refreshToken)).rejects.toThrow(/reuse detected/);
    expect([...db.tokens.values()].every((t) => t.revokedAt !== null)).toBe(true);
    await expect(refresh.execute(second.refreshToken)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses unknown and expired tokens', async () => {
    await expect(refresh.execute('made-up')).rejects.toBeInstanceOf(UnauthenticatedError);
    clock.advance(3601);
    await expect(refresh.execute(first.refreshToken)).rejects.toThrow(/expired/);
  });
});
