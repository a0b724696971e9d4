import { ConflictError, NotFoundError, ValidationError } from '@peerseed/shared/domain';
import { IdempotencyKey } from '../domain/idempotency-keys.js';
import { planInstallmentPayment } from '../domain/installment-payment.js';
import type { LateChargePolicy } from '../domain/late-charges.js';
import { available, system } from '../domain/ledger-account.js';
import { balancedTransaction, transfer } from '../domain/ledger-transaction.js';
import type { Payment } from '../domain/payment.js';
import { isUuid } from './ids.js';
import type { Clock, IdGenerator, UnitOfWork } from './ports.js';

export interface PayInstallmentDeps {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  lateCharges: LateChargePolicy;
}

/**
 * The issuer pays an installment (plus late charges) from its available balance into
 * CLEARING, where it waits for distribution; records a CONFIRMED payment and publishes
 * `wallet.payment.confirmed`. Racing requests for one installment: the ledger's
 * idempotency key lets one through, the others get CONFLICT.
 */
export class PayInstallment {
  constructor(private readonly deps: PayInstallmentDeps) {}

  async execute(payerId: string, cprId: string, number: number): Promise<Payment> {
    if (!Number.isInteger(number) || number < 1) throw new ValidationError('number must be 1 or more', 'number');
    if (!isUuid(cprId)) throw new NotFoundError(`No disbursed CPR ${cprId}`);
    const now = this.deps.clock.now();
    return this.deps.uow.run(async (tx) => {
      const cpr = await tx.cprs.find(cprId);
      const plan = planInstallmentPayment({
        cprId,
        number,
        payerId,
        cpr,
        installment: cpr ? await tx.cprs.installment(cprId, number) : null,
        alreadyPaid: cpr ? await tx.payments.existsFor(cprId, number) : false,
        at: now,
        policy: this.deps.lateCharges,
      });
      const payment: Payment = {
        id: this.deps.ids.newId(),
        cprId,
        installmentNumber: number,
        payerId,
        installmentAmount: plan.installmentAmount,
        lateFine: plan.lateFine,
        lateInterest: plan.lateInterest,
        amount: plan.amount,
        status: 'CONFIRMED',
        paidAt: now,
      };
      const posted = await tx.ledger.post(
        balancedTransaction(
          {
            id: this.deps.ids.newId(),
            kind: 'INSTALLMENT_PAYMENT',
            idempotencyKey: IdempotencyKey.installment(cprId, number),
            reference: payment.id,
            cprId,
            createdAt: now,
          },
          transfer(available(payerId), system('CLEARING'), payment.amount),
        ),
      );
      if (posted === 'duplicate') throw new ConflictError(`Installment ${number} is already paid`);
      await tx.payments.add(payment);
      await tx.events.paymentConfirmed(payment, cpr!.issuerId);
      return payment;
    });
  }
}
