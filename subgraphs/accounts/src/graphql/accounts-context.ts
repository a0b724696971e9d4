import type { BaseContext } from '@peerseed/shared';
import type DataLoader from 'dataloader';
import type { CreateStaffUser } from '../application/create-staff-user.use-case.js';
import type { Login } from '../application/login.use-case.js';
import type { RefreshSession } from '../application/refresh-session.use-case.js';
import type { RegisterUser } from '../application/register-user.use-case.js';
import type { User } from '../domain/user.js';

/** The use cases of one request, wired to that request's EntityManager fork. */
export interface AccountsUseCases {
  register: RegisterUser;
  login: Login;
  refresh: RefreshSession;
  createStaffUser: CreateStaffUser;
  /** Publishes a new key, which signs once the activation delay has passed (docs/adr/0002); its kid. */
  rotateSigningKey: () => Promise<string>;
}

export interface AccountsContext extends BaseContext {
  useCases: AccountsUseCases;
  /** Batched user lookups for `me` and federation references. */
  users: DataLoader<string, User | null>;
}
