import type { Identity } from '@peerseed/shared/domain';
import { canSeePayment, type Payment } from '../domain/payment.js';
import { isUuid } from './ids.js';
import type { PaymentRightsQuery } from './ports.js';

/**
 * Payments by id, as a viewer may see them: the CPR's issuer, its holders and ADMINs.
 * Anyone else gets nothing, as if the payment did not exist (ids reveal no activity).
 */
export class GetPayments {
  constructor(private readonly rights: PaymentRightsQuery) {}

  async visibleByIds(viewer: Identity | null, ids: readonly string[]): Promise<Payment[]> {
    const wanted = ids.filter(isUuid);
    if (!viewer || wanted.length === 0) return [];
    const found = await this.rights.findWithRights(wanted.map((paymentId) => ({ paymentId, viewerId: viewer.userId })));
    return found
      .filter(({ issuerId, viewerHolds }) => canSeePayment(viewer, issuerId ?? '', viewerHolds))
      .map(({ payment }) => payment);
  }
}
