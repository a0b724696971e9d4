import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import { ConflictError } from '@peerseed/shared/domain';
import type { PaymentAsk, PaymentRepository, PaymentWithRights } from '../application/ports.js';
import type { Payment } from '../domain/payment.js';
import { PaymentEntity } from './entities.js';

interface RightsColumns {
  rights_viewer_id: string;
  rights_issuer_id: string | null;
  rights_held: boolean;
}

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

  async findWithRights(asks: readonly PaymentAsk[]): Promise<PaymentWithRights[]> {
    if (asks.length === 0) return [];
    // One statement for every ask: payments and cprs by primary key, holdings by
    // cpr_holdings_investor_index; each row carries the viewer it answers.
    const rows = await this.em.execute<(Record<string, unknown> & RightsColumns)[]>(
      `with "asks" ("payment_id", "viewer_id") as (values ${asks.map(() => '(?::uuid, ?::uuid)').join(', ')})
       select p.*, a."viewer_id" as "rights_viewer_id", c."issuer_id" as "rights_issuer_id",
              exists (select 1 from "cpr_holdings" h
                       where h."investor_id" = a."viewer_id" and h."cpr_id" = p."cpr_id") as "rights_held"
         from "asks" a join "payments" p on p."id" = a."payment_id"
         left join "cprs" c on c."id" = p."cpr_id"`,
      asks.flatMap((ask) => [ask.paymentId, ask.viewerId]),
    );
    return rows.map(({ rights_viewer_id, rights_issuer_id, rights_held, ...payment }) => ({
      viewerId: rights_viewer_id,
      payment: this.em.map(PaymentEntity, payment),
      issuerId: rights_issuer_id,
      viewerHolds: rights_held,
    }));
  }

  async existsFor(cprId: string, installmentNumber: number): Promise<boolean> {
    return (await this.em.count(PaymentEntity, { cprId, installmentNumber })) > 0;
  }
}
