import { DateTimeScalar, DecimalScalar } from '@peerseed/shared';
import { Field, InputType, Int } from 'type-graphql';
import { CommodityEnum, CommodityUnitEnum, CprStatusEnum } from './enums.js';
import type { Commodity, CommodityUnit } from '../domain/cpr.js';
import type { CprStatus } from '../domain/cpr-status.js';

@InputType('CprFilter')
export class CprFilterInput {
  @Field(() => CprStatusEnum, { nullable: true })
  status?: CprStatus;

  @Field(() => CommodityEnum, { nullable: true })
  commodity?: Commodity;
}

@InputType('CreateCprInput')
export class CreateCprInput {
  @Field(() => String)
  title!: string;

  @Field(() => CommodityEnum)
  commodity!: Commodity;

  @Field(() => DecimalScalar)
  quantity!: string;

  @Field(() => CommodityUnitEnum)
  unit!: CommodityUnit;

  @Field(() => DecimalScalar)
  targetAmount!: string;

  @Field(() => DecimalScalar)
  minimumAmount!: string;

  @Field(() => DecimalScalar, { description: 'Percent per year, e.g. "14.50"' })
  annualRate!: string;

  @Field(() => DateTimeScalar)
  fundingDeadline!: Date;

  @Field(() => DateTimeScalar)
  maturityDate!: Date;

  @Field(() => Int)
  installmentCount!: number;
}
