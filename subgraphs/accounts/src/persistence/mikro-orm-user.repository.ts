import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import { ConflictError, type Role } from '@peerseed/shared/domain';
import type { UserRepository } from '../application/ports.js';
import type { User } from '../domain/user.js';
import { UserEntity } from './entities.js';

export class MikroOrmUserRepository implements UserRepository {
  constructor(private readonly em: Em) {}

  findById(id: string): Promise<User | null> {
    return this.em.findOne(UserEntity, { id });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.em.find(UserEntity, { id: { $in: [...ids] } });
  }

  findByEmailForUpdate(email: string): Promise<User | null> {
    return this.em.findOne(UserEntity, { email }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async emailExists(email: string): Promise<boolean> {
    return (await this.em.count(UserEntity, { email })) > 0;
  }

  async documentExists(document: string): Promise<boolean> {
    return (await this.em.count(UserEntity, { document })) > 0;
  }

  async anyWithRole(role: Role): Promise<boolean> {
    return (await this.em.count(UserEntity, { role })) > 0;
  }

  async add(user: User): Promise<void> {
    try {
      await this.em.insert(UserEntity, user);
    } catch (error) {
      // Two sign-ups with the same email can both pass the existence check; the index decides.
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError('An account with this email or document already exists');
      }
      throw error;
    }
  }

  async saveLoginState(user: User): Promise<void> {
    await this.em.nativeUpdate(
      UserEntity,
      { id: user.id },
      { failedLoginCount: user.failedLoginCount, lockedUntil: user.lockedUntil },
    );
  }
}
