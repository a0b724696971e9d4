import { DateTimeScalar, MoneyType } from '@peerseed/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import type { DepositView } from '../application/request-deposit.use-case.js';
import { DepositStatus } from './enums.js';

@ObjectType('Deposit')
export class DepositType {
  @Field(() => ID)
  id!: string;

  @Field(() => MoneyType)
  amount!: MoneyType;

  @Field(() => DepositStatus)
  status!: DepositStatus;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(deposit: DepositView): DepositType {
    return Object.assign(new DepositType(), {
      id: deposit.id,
      amount: MoneyType.fromCentavos(deposit.amount),
      status: deposit.status,
      createdAt: deposit.createdAt,
    });
  }
}
