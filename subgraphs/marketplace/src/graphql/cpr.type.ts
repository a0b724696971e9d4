import { DateTimeScalar, DecimalScalar, formatScaled, MoneyType, PageInfoType, UserReference } from '@peerseed/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { Cpr } from '../domain/cpr.js';
import type { Installment } from '../domain/installment-schedule.js';
import { CommodityEnum, CommodityUnitEnum, CprStatusEnum, InstallmentStatusEnum } from './enums.js';

@ObjectType('Installment')
export class InstallmentType {
  @Field(() => Int)
  number!: number;

  @Field(() => DateTimeScalar)
  dueDate!: Date;

  @Field(() => MoneyType)
  amount!: MoneyType;

  @Field(() => InstallmentStatusEnum)
  status!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt!: Date | null;

  static from(i: Installment): InstallmentType {
    return Object.assign(new InstallmentType(), { ...i, amount: MoneyType.fromCentavos(i.amount) });
  }
}

/** The federated CPR entity. */
@ObjectType('Cpr')
@Directive('@key(fields: "id")')
export class CprType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => UserReference)
  issuer!: UserReference;

  @Field(() => CommodityEnum)
  commodity!: string;

  @Field(() => DecimalScalar)
  quantity!: string;

  @Field(() => CommodityUnitEnum)
  unit!: string;

  @Field(() => MoneyType)
  targetAmount!: MoneyType;

  @Field(() => MoneyType)
  minimumAmount!: MoneyType;

  @Field(() => MoneyType)
  fundedAmount!: MoneyType;

  @Field(() => DecimalScalar, { description: 'Percent per year, e.g. "14.50"' })
  annualRate!: string;

  @Field(() => DateTimeScalar)
  fundingDeadline!: Date;

  @Field(() => DateTimeScalar)
  maturityDate!: Date;

  @Field(() => Int)
  installmentCount!: number;

  @Field(() => CprStatusEnum)
  status!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(cpr: Cpr): CprType {
    return Object.assign(new CprType(), {
      id: cpr.id,
      code: cpr.code,
      title: cpr.title,
      issuer: UserReference.of(cpr.issuerId),
      commodity: cpr.commodity,
      quantity: formatScaled(cpr.quantity, 4),
      unit: cpr.unit,
      targetAmount: MoneyType.fromCentavos(cpr.targetAmount),
      minimumAmount: MoneyType.fromCentavos(cpr.minimumAmount),
      fundedAmount: MoneyType.fromCentavos(cpr.fundedAmount),
      annualRate: formatScaled(BigInt(cpr.annualRateBps), 2),
      fundingDeadline: cpr.fundingDeadline,
      maturityDate: cpr.maturityDate,
      installmentCount: cpr.installmentCount,
      status: cpr.status,
      createdAt: cpr.createdAt,
    });
  }
}

@ObjectType('CprEdge')
export class CprEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => CprType)
  node!: CprType;
}

@ObjectType('CprConnection')
export class CprConnectionType {
  @Field(() => [CprEdgeType])
  edges!: CprEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}
