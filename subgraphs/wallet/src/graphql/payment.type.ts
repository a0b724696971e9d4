import { CprReference, DateTimeScalar, MoneyType } from '@peerseed/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Payment } from '../domain/payment.js';
import { PaymentStatus } from './enums.js';

/** An installment payment: a federated entity owned by the wallet (distribution adds `distribution`). */
@ObjectType('Payment')
@Directive('@key(fields: "id")')
export class PaymentType {
  @Field(() => ID)
  id!: string;

  @Field(() => CprReference)
  cpr!: CprReference;

  @Field(() => Int)
  installmentNumber!: number;

  @Field(() => MoneyType, { description: 'What the issuer paid: the installment plus any late charges' })
  amount!: MoneyType;

  @Field(() => MoneyType, { description: 'Late fine and interest included in amount (zero when paid on time)' })
  lateCharges!: MoneyType;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt!: Date | null;

  static from(payment: Payment): PaymentType {
    return Object.assign(new PaymentType(), {
      id: payment.id,
      cpr: CprReference.of(payment.cprId),
      installmentNumber: payment.installmentNumber,
      amount: MoneyType.fromCentavos(payment.amount),
      lateCharges: MoneyType.fromCentavos(payment.lateFine + payment.lateInterest),
      status: payment.status,
      paidAt: payment.paidAt,
    });
  }
}
