import { Role } from '@peerseed/shared/domain';
import { createUser, type NewUserDeps } from './register-user.use-case.js';

export interface FirstAdmin {
  email: string;
  password: string;
  /** A CPF; the seeded admin is a person. */
  document: string;
}

/** Creates the first ADMIN at start-up when there is none; does nothing otherwise. */
export class SeedFirstAdmin {
  constructor(private readonly deps: NewUserDeps) {}

  async execute(admin: FirstAdmin): Promise<boolean> {
    const exists = await this.deps.uow.run((tx) => tx.users.anyWithRole(Role.ADMIN));
    if (exists) return false;
    await createUser(
      this.deps,
      {
        name: 'Peerseed Admin',
        email: admin.email,
        password: admin.password,
        document: admin.document,
        role: Role.ADMIN,
      },
      async () => undefined,
    );
    return true;
  }
}
