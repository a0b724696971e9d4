import 'reflect-metadata';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Another domain's entity as a reference: only its key. A subgraph returns
 * `{ id }` and the gateway fetches the rest from the owning subgraph.
 */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserReference {
  @Field(() => ID)
  id!: string;

  static of(id: string): UserReference {
    return Object.assign(new UserReference(), { id });
  }
}

/** Marketplace's CPR as a reference (wallet, distribution). */
@ObjectType('Cpr')
@Directive('@key(fields: "id", resolvable: false)')
export class CprReference {
  @Field(() => ID)
  id!: string;

  static of(id: string): CprReference {
    return Object.assign(new CprReference(), { id });
  }
}
