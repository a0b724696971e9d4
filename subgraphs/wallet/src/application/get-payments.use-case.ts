import type { Identity } from '@peerseed/shared/domain';
import { canSeePayment, type Payment } from '../domain/payment.js';
import { isUuid } from './ids.js';
import type { UnitOfWork } from './ports.js';

/**
 * Payments by id, as a viewer may see them: the CPR's issuer, its holders and ADMINs.
 * Anyone else gets nothing, as if the payment did not exist (ids reveal no activity).
 */
export class GetPayments {
  constructor(private readonly uow: UnitOfWork) {}

  async visibleByIds(viewer: Identity | null, ids: readonly string[]): Promise<Payment[]> {
    const wanted = ids.filter(isUuid);
    if (!viewer || wanted.length === 0) return [];
    return this.uow.read(async (tx) => {
      const payments = await tx.payments.findByIds(wanted);
      const cprIds = [...new Set(payments.map((p) => p.cprId))];
      const issuers = new Map((await tx.cprs.findMany(cprIds)).map((cpr) => [cpr.id, cpr.issuerId]));
      const held = await tx.cprs.heldBy(viewer.userId, cprIds);
      return payments.filter((p) => canSeePayment(viewer, issuers.get(p.cprId) ?? '', held.has(p.cprId)));
    });
  }
}
