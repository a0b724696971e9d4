import { beforeEach, describe, expect, it } from '@jest/globals';
import { RateLimitedError, UnauthenticatedError } from '@peerseed/shared/domain';
import {
  accountsFixture,
  anInvestor,
  InMemoryAccounts,
  ManualClock,
  plainHasher,
} from '../../test/fakes/in-memory-accounts.js';
import { DEFAULT_LOGIN_THROTTLE } from '../domain/login-throttle.js';
import { Login } from './login.use-case.js';

describe('Login', () => {
  let db: InMemoryAccounts;
  let clock: ManualClock;
  let login: Login;

  beforeEach(async () => {
    const fixture = accountsFixture();
    ({ db, clock } = fixture);
    login = new Login({
      uow: db,
      hasher: plainHasher,
      clock,
      sessions: fixture.sessions,
      throttle: DEFAULT_LOGIN_THROTTLE,
    });
    await fixture.register.execute(anInvestor());
  });

  it('signs in with any casing of the email', async () => {
    const session = await login.execute('ANA@example.com', 'the right password');
    expect(session.user.email).toBe('ana@example.com');
    expect(session.accessToken).toMatch(/^access:/);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    await expect(login.execute('nobody@example.com', 'whatever pass')).rejects.toThrow(
      new UnauthenticatedError('Invalid email or password'),
    );
    await expect(login.execute('ana@example.com', 'wrong password')).rejects.toThrow(
      new UnauthenticatedError('Invalid email or password'),
    );
  });

  it('locks the account after five failures, even for the right password, until the lock ends', async () => {
    for (let i = 0; i < 5; i++)
      await expect(login.execute('ana@example.com', 'wrong')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(login.execute('ana@example.com', 'the right password')).rejects.toBeInstanceOf(RateLimitedError);
    clock.advance(31);
    await expect(login.execute('ana@example.com', 'the right password')).resolves.toBeDefined();
    const user = [...db.users.values()][0]!;
    expect([user.failedLoginCount, user.lockedUntil]).toEqual([0, null]);
  });

  it('doubles the lock with each failure after the free attempts', async () => {
    for (let i = 0; i < 5; i++) await login.execute('ana@example.com', 'wrong').catch(() => undefined);
    clock.advance(31);
    await login.execute('ana@example.com', 'wrong').catch(() => undefined); // sixth failure: 60 s
    clock.advance(45);
    const error = await login.execute('ana@example.com', 'the right password').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).details['retryAfterSeconds']).toBe(15);
  });
});
