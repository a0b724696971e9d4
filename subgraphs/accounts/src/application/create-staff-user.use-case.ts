import { requireRole, Role, type Identity } from '@peerseed/shared/domain';
import { assertStaffRole, type User } from '../domain/user.js';
import { createUser, type NewUserDeps, type RegisterUserInput } from './register-user.use-case.js';

/** An ADMIN creates another ADMIN or an ANALYST (they cannot self-register). */
export class CreateStaffUser {
  constructor(private readonly deps: NewUserDeps) {}

  async execute(caller: Identity | null, input: RegisterUserInput): Promise<User> {
    requireRole(caller, Role.ADMIN);
    assertStaffRole(input.role);
    return createUser(this.deps, input, async (_tx, user) => user);
  }
}
