import { ConflictError, type Role } from '@peerseed/shared/domain';
import type {
  AccessTokenIssuer,
  AccountsTransaction,
  Clock,
  IdGenerator,
  OpaqueTokenFactory,
  PasswordHasher,
  UnitOfWork,
} from '../../src/application/ports.js';
import { RegisterUser, type RegisterUserInput } from '../../src/application/register-user.use-case.js';
import { SessionIssuer } from '../../src/application/session-issuer.js';
import type { RefreshToken } from '../../src/domain/refresh-token.js';
import type { User } from '../../src/domain/user.js';

/** In-memory tables with transaction semantics: a failed `run` leaves them as they were. */
export class InMemoryAccounts implements UnitOfWork {
  users = new Map<string, User>();
  tokens = new Map<string, RefreshToken>();
  /** Events recorded by committed transactions. */
  events: { type: 'UserRegistered'; userId: string }[] = [];

  async run<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    const snapshot = {
      users: structuredClone(this.users),
      tokens: structuredClone(this.tokens),
      events: [...this.events],
    };
    try {
      return await work(this.tx());
    } catch (error) {
      this.users = snapshot.users;
      this.tokens = snapshot.tokens;
      this.events = snapshot.events;
      throw error;
    }
  }

  read<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    return work(this.tx());
  }

  private tx(): AccountsTransaction {
    const users = () => [...this.users.values()];
    return {
      events: {
        userRegistered: async (user) => void this.events.push({ type: 'UserRegistered', userId: user.id }),
      },
      users: {
        findById: async (id) => structuredClone(this.users.get(id) ?? null),
        findByIds: async (ids) => users().filter((u) => ids.includes(u.id)),
        findByEmailForUpdate: async (email) => structuredClone(users().find((u) => u.email === email) ?? null),
        emailExists: async (email) => users().some((u) => u.email === email),
        documentExists: async (document) => users().some((u) => u.document === document),
        anyWithRole: async (role: Role) => users().some((u) => u.role === role),
        add: async (user) => {
          if (users().some((u) => u.email === user.email)) throw new ConflictError('duplicate');
          this.users.set(user.id, structuredClone(user));
        },
        saveLoginState: async (user) => {
          const stored = this.users.get(user.id)!;
          this.users.set(user.id, {
            ...stored,
            failedLoginCount: user.failedLoginCount,
            lockedUntil: user.lockedUntil,
          });
        },
      },
      refreshTokens: {
        findByHashForUpdate: async (hash) =>
          structuredClone([...this.tokens.values()].find((t) => t.tokenHash === hash) ?? null),
        add: async (token) => void this.tokens.set(token.id, structuredClone(token)),
        markRotated: async (id, at) => {
          const token = this.tokens.get(id)!;
          this.tokens.set(id, { ...token, rotatedAt: at });
        },
        revokeFamily: async (familyId, at) => {
          for (const token of this.tokens.values()) if (token.familyId === familyId) token.revokedAt ??= at;
        },
      },
    };
  }
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-11-23T12:00:00.000Z')) {}
  now = () => new Date(this.current);
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}

let sequence = 0;
export const sequentialIds: IdGenerator = {
  newId: () => `00000000-0000-4000-8000-${String(++sequence).padStart(12, '0')}`,
};

/** Fast, deterministic stand-in for scrypt (the real hasher has its own test). */
export const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (password, hash) => hash === `plain:${password}`,
  verifyDummy: async () => undefined,
};

export const fakeAccessTokens: AccessTokenIssuer = {
  issue: async ({ userId, role }) => ({ token: `access:${userId}:${role}`, expiresIn: 900 }),
};

export const countingOpaqueTokens = (): OpaqueTokenFactory => {
  let n = 0;
  return { create: () => `refresh-${++n}`, hash: (token) => `hash(${token})` };
};

export function fakeSessions(clock: Clock, opaqueTokens = countingOpaqueTokens()) {
  return new SessionIssuer({
    accessTokens: fakeAccessTokens,
    opaqueTokens,
    ids: sequentialIds,
    clock,
    refreshTokenTtlSeconds: 3600,
  });
}

/** A valid self-registration, with overrides. */
export const anInvestor = (overrides: Partial<RegisterUserInput> = {}): RegisterUserInput => ({
  name: 'Ana Souza',
  email: 'ana@example.com',
  password: 'the right password',
  document: '52998224725',
  role: 'INVESTOR',
  ...overrides,
});

/** The in-memory accounts of one unit test, with a clock and a session issuer. */
export function accountsFixture(opaqueTokens = countingOpaqueTokens()) {
  const db = new InMemoryAccounts();
  const clock = new ManualClock();
  const sessions = fakeSessions(clock, opaqueTokens);
  const register = new RegisterUser({ uow: db, hasher: plainHasher, ids: sequentialIds, clock }, sessions);
  return { db, clock, sessions, opaqueTokens, register };
}
