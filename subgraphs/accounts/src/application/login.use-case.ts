import { RateLimitedError, UnauthenticatedError } from '@peerseed/shared/domain';
import { normalizeEmail } from '../domain/email.js';
import { lockSecondsAfter, secondsLocked, type LoginThrottlePolicy } from '../domain/login-throttle.js';
import type { Clock, PasswordHasher, UnitOfWork } from './ports.js';
import type { Session, SessionIssuer } from './session-issuer.js';

export interface LoginDeps {
  uow: UnitOfWork;
  hasher: PasswordHasher;
  clock: Clock;
  sessions: SessionIssuer;
  throttle: LoginThrottlePolicy;
}

const INVALID = 'Invalid email or password';

type Outcome = { ok: true; session: Session } | { ok: false; error: Error };

/**
 * Password login with per-account throttling. The account row is locked for the
 * whole attempt, so parallel attempts (e.g. many aliases in one GraphQL document)
 * are counted one after another and cannot slip past the lock.
 */
export class Login {
  constructor(private readonly deps: LoginDeps) {}

  async execute(rawEmail: string, password: string): Promise<Session> {
    let email: string;
    try {
      email = normalizeEmail(rawEmail);
    } catch {
      throw new UnauthenticatedError(INVALID);
    }
    // Failed attempts must be recorded, so the transaction commits and the error is thrown after.
    const outcome = await this.deps.uow.run(async (tx): Promise<Outcome> => {
      const user = await tx.users.findByEmailForUpdate(email);
      if (!user) {
        await this.deps.hasher.verifyDummy(password);
        return { ok: false, error: new UnauthenticatedError(INVALID) };
      }
      const now = this.deps.clock.now();
      const locked = secondsLocked(user.lockedUntil, now);
      if (locked > 0) {
        return { ok: false, error: new RateLimitedError('Too many failed logins; try again later', locked) };
      }
      if (!(await this.deps.hasher.verify(password, user.passwordHash))) {
        user.failedLoginCount += 1;
        const lockFor = lockSecondsAfter(user.failedLoginCount, this.deps.throttle);
        user.lockedUntil = lockFor > 0 ? new Date(now.getTime() + lockFor * 1000) : null;
        await tx.users.saveLoginState(user);
        return { ok: false, error: new UnauthenticatedError(INVALID) };
      }
      if (user.failedLoginCount > 0 || user.lockedUntil) {
        user.failedLoginCount = 0;
        user.lockedUntil = null;
        await tx.users.saveLoginState(user);
      }
      return { ok: true, session: await this.deps.sessions.issue(tx, user) };
    });
    if (!outcome.ok) throw outcome.error;
    return outcome.session;
  }
}
