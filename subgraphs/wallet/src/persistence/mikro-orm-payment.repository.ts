import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import { ConflictError } from '@peerseed/shared/domain';
import type { PaymentRepository, PaymentWithRights } from '../application/ports.js';
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

  async findWithRights(ids: readonly string[], viewerId: string): Promise<PaymentWithRights[]> {
    if (ids.length === 0) return [];
    // One statement (payments and cprs by primary key, holdings by cpr_holdings_investor_index).
    const rows = await this.em.execute<
      (Record<string, unknown> & { rights_issuer_id: string | null; rights_held: boolean })[]
    >(
      `select p.*, c."issuer_id" as "rights_issuer_id",
              exists (select 1 from "cpr_holdings" h where h."investor_id" = ? and h."cpr_id" = p."cpr_id") as "rights_held"
         from "payments" p left join "cprs" c on c."id" = p."cpr_id"
        where p."id" in (?)`,
      [viewerId, [...ids]],
    );
    return rows.map(({ rights_issuer_id, rights_held, ...payment }) => ({
      payment: this.em.map(PaymentEntity, payment),
      issuerId: rights_issuer_id,
      viewerHolds: rights_held,
    }));
  }

  async existsFor(cprId: string, installmentNumber: number): Promise<boolean> {
    return (await this.em.count(PaymentEntity, { cprId, installmentNumber })) > 0;
  }
}
