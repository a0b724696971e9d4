import {
  ConflictError,
  InvalidDocumentError,
  ValidationError,
  normalizeDocument,
  personTypeOf,
  type Role,
} from '@peerseed/shared/domain';
import { normalizeEmail } from '../domain/email.js';
import { assertAcceptablePassword } from '../domain/password-policy.js';
import { assertSelfServiceRole, normalizeName, type User } from '../domain/user.js';
import type { AccountsTransaction, Clock, IdGenerator, PasswordHasher, UnitOfWork } from './ports.js';
import type { Session, SessionIssuer } from './session-issuer.js';

export interface RegisterUserInput {
  name: string;
  email: string;
  password: string;
  document: string;
  role: Role;
}

export interface NewUserDeps {
  uow: UnitOfWork;
  hasher: PasswordHasher;
  ids: IdGenerator;
  clock: Clock;
}

function documentOf(raw: string) {
  try {
    return normalizeDocument(raw);
  } catch (error) {
    if (error instanceof InvalidDocumentError)
      throw new ValidationError('Document must be a valid CPF or CNPJ', 'document');
    throw error;
  }
}

/**
 * Validates and stores a new user, then runs `andThen` in the same transaction
 * (e.g. issuing its first session), so a failure leaves no half-created account.
 */
export async function createUser<T>(
  deps: NewUserDeps,
  input: RegisterUserInput,
  andThen: (tx: AccountsTransaction, user: User) => Promise<T>,
): Promise<T> {
  const name = normalizeName(input.name);
  const email = normalizeEmail(input.email);
  assertAcceptablePassword(input.password);
  const document = documentOf(input.document);
  const user: User = {
    id: deps.ids.newId(),
    name,
    email,
    role: input.role,
    document: document.value,
    personType: personTypeOf(document.kind),
    passwordHash: await deps.hasher.hash(input.password),
    createdAt: deps.clock.now(),
    failedLoginCount: 0,
    lockedUntil: null,
  };
  return deps.uow.run(async (tx) => {
    if (await tx.users.emailExists(email)) throw new ConflictError('An account with this email already exists');
    if (await tx.users.documentExists(user.document)) {
      throw new ConflictError('An account with this document already exists');
    }
    await tx.users.add(user);
    await tx.events.userRegistered(user);
    return andThen(tx, user);
  });
}

/** Self-registration of an INVESTOR or PRODUCER, signed in straight away. */
export class RegisterUser {
  constructor(
    private readonly deps: NewUserDeps,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(input: RegisterUserInput): Promise<Session> {
    assertSelfServiceRole(input.role);
    return createUser(this.deps, input, (tx, user) => this.sessions.issue(tx, user));
  }
}
