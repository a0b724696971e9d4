import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The accounts `User` entity, to which this subgraph contributes `contacts`. It is a
 * resolvable entity here (`__resolveReference` returns `{ id }`), so the kit's
 * `UserReference` (resolvable: false, also named User) cannot be used alongside it:
 * `Contact.owner` returns this type too.
 */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserType {
  @Field(() => ID)
  id!: string;

  static of(id: string): UserType {
    return Object.assign(new UserType(), { id });
  }
}
