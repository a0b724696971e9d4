import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import { ConflictError } from '@peerseed/shared/domain';
import type { PaymentRepository } from '../application/ports.js';
import type { Payment } from '../domain/payment.js';
import { PaymentEntity } from './entities.js';

export class MikroOrmPaymentRepository implements PaymentRepository {
  constructor(private readonly em: Em) {}

  async add(payment: Payment): Promise<void> {
    try {
      await this.em.insert(PaymentEntity, payment);
    } catch (error) {
      // One payment per installment: the unique index has the last word.
      if (error instanceof UniqueConstraintViolationException) {
        throw new ConflictError(`Installment ${payment.installmentNumber} is already paid`);
      }
      throw error;
    }
  }

  findById(id: string): Promise<Payment | null> {
    return this.em.findOne(PaymentEntity, { id });
  }

  async findByIds(ids: readonly string[]): Promise<Payment[]> {
    return ids.length === 0 ? [] : this.em.find(PaymentEntity, { id: { $in: [...ids] } });
  }

  async existsFor(cprId: string, installmentNumber: number): Promise<boolean> {
    return (await this.em.count(PaymentEntity, { cprId, installmentNumber })) > 0;
  }
}
