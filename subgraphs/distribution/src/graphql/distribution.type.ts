import { DateTimeScalar, MoneyType, UserReference } from '@peerseed/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { DistributionView } from '../application/ports.js';
import { CprType } from './cpr.type.js';
import { PaymentType } from './payment.type.js';

@ObjectType('DistributionLine')
export class DistributionLineType {
  @Field(() => UserReference)
  investor!: UserReference;

  @Field(() => MoneyType)
  amount!: MoneyType;
}

/** An installment payment split among the CPR's investors: a federated entity owned here. */
@ObjectType('Distribution')
@Directive('@key(fields: "id")')
export class DistributionType {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentType)
  payment!: PaymentType;

  @Field(() => CprType)
  cpr!: CprType;

  @Field(() => MoneyType, { description: 'Equals the payment amount' })
  total!: MoneyType;

  @Field(() => MoneyType, { description: 'The platform fee, taken before the split' })
  fee!: MoneyType;

  @Field(() => [DistributionLineType], {
    description:
      "All lines add up to total - fee exactly. ADMINs and the CPR's issuer see every line; an investor only their own; anyone else none",
  })
  lines!: DistributionLineType[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** `view` holds only the lines its viewer may read (GetDistributions). */
  static from({ distribution: d }: DistributionView): DistributionType {
    return Object.assign(new DistributionType(), {
      id: d.id,
      payment: PaymentType.of(d.paymentId),
      cpr: CprType.of(d.cprId),
      total: MoneyType.fromCentavos(d.total),
      fee: MoneyType.fromCentavos(d.fee),
      lines: d.lines.map((line) =>
        Object.assign(new DistributionLineType(), {
          investor: UserReference.of(line.investorId),
          amount: MoneyType.fromCentavos(line.amount),
        }),
      ),
      createdAt: d.createdAt,
    });
  }
}
