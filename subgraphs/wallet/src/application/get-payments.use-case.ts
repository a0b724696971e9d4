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
    const found = await this.uow.read((tx) => tx.payments.findWithRights(wanted, viewer.userId));
    return found
      .filter(({ issuerId, viewerHolds }) => canSeePayment(viewer, issuerId ?? '', viewerHolds))
      .map(({ payment }) => payment);
  }
}
