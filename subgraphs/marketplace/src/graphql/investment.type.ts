import { DateTimeScalar, MoneyType, UserReference } from '@peerseed/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Investment } from '../domain/investment.js';
import { InvestmentStatusEnum } from './enums.js';

/** The federated Investment entity; `cpr` is resolved by a field resolver (batched). */
@ObjectType('Investment')
@Directive('@key(fields: "id")')
export class InvestmentType {
  @Field(() => ID)
  id!: string;

  @Field(() => UserReference)
  investor!: UserReference;

  @Field(() => MoneyType)
  amount!: MoneyType;

  @Field(() => InvestmentStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true, description: 'Why the wallet rejected it (e.g. INSUFFICIENT_FUNDS)' })
  rejectionReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  cprId!: string;

  static from(i: Investment): InvestmentType {
    return Object.assign(new InvestmentType(), {
      id: i.id,
      investor: UserReference.of(i.investorId),
      amount: MoneyType.fromCentavos(i.amount),
      status: i.status,
      rejectionReason: i.rejectionReason,
      createdAt: i.createdAt,
      cprId: i.cprId,
    });
  }
}
