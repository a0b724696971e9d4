import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Marketplace's `Cpr` entity, to which this subgraph contributes `distributions`. It is a
 * resolvable entity here (`__resolveReference` returns `{ id }`), so the kit's
 * `CprReference` (resolvable: false, also named Cpr) cannot be used alongside it:
 * `Distribution.cpr` returns this type too.
 */
@ObjectType('Cpr')
@Directive('@key(fields: "id")')
export class CprType {
  @Field(() => ID)
  id!: string;

  static of(id: string): CprType {
    return Object.assign(new CprType(), { id });
  }
}
