import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The wallet's `Payment` entity, to which this subgraph contributes `distribution`.
 * Resolvable here (`__resolveReference` returns `{ id }`) for that field, and also what
 * `Distribution.payment` returns: one GraphQL type cannot be both a stub and a reference.
 */
@ObjectType('Payment')
@Directive('@key(fields: "id")')
export class PaymentType {
  @Field(() => ID)
  id!: string;

  static of(id: string): PaymentType {
    return Object.assign(new PaymentType(), { id });
  }
}
