import { LockMode } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { RefreshTokenRepository } from '../application/ports.js';
import type { RefreshToken } from '../domain/refresh-token.js';
import { RefreshTokenEntity } from './entities.js';

export class MikroOrmRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly em: Em) {}

  findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null> {
    return this.em.findOne(RefreshTokenEntity, { tokenHash }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async add(token: RefreshToken): Promise<void> {
    await this.em.insert(RefreshTokenEntity, token);
  }

  async markRotated(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenEntity, { id, rotatedAt: null }, { rotatedAt: at });
  }

  async revokeFamily(familyId: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshTokenEntity, { familyId, revokedAt: null }, { revokedAt: at });
  }
}
