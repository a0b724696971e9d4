// type-graphql's decorators below read design-time types through the Reflect metadata API.
import 'reflect-metadata';
import { Directive, Field, ObjectType } from 'type-graphql';
import { formatCentavos } from '../money/index.js';
import { DecimalScalar } from './scalars.js';

/** Money as clients see it. Value types shared by several subgraphs are @shareable. */
@ObjectType('Money')
@Directive('@shareable')
export class MoneyType {
  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => String)
  currency!: string;

  static fromCentavos(centavos: bigint): MoneyType {
    return Object.assign(new MoneyType(), { amount: formatCentavos(centavos), currency: 'BRL' });
  }
}

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
