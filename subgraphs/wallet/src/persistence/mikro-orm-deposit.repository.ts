import { LockMode } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { DepositRepository } from '../application/ports.js';
import type { Deposit } from '../domain/deposit.js';
import { DepositEntity } from './entities.js';

export class MikroOrmDepositRepository implements DepositRepository {
  constructor(private readonly em: Em) {}

  async add(deposit: Deposit): Promise<void> {
    await this.em.insert(DepositEntity, deposit);
  }

  findById(id: string): Promise<Deposit | null> {
    return this.em.findOne(DepositEntity, { id });
  }

  findByIdForUpdate(id: string): Promise<Deposit | null> {
    return this.em.findOne(DepositEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  async markConfirmed(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(DepositEntity, { id }, { status: 'CONFIRMED', confirmedAt: at });
  }
}
