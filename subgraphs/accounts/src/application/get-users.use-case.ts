import type { User } from '../domain/user.js';
import type { UnitOfWork } from './ports.js';

/** Reads users by id (federation references, `me`). */
export class GetUsers {
  constructor(private readonly uow: UnitOfWork) {}

  byIds(ids: readonly string[]): Promise<User[]> {
    return this.uow.read((tx) => tx.users.findByIds(ids));
  }
}
