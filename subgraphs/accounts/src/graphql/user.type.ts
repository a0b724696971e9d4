import { DateTimeScalar } from '@peerseed/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { User } from '../domain/user.js';
import { Role } from './role.enum.js';

/** The federated User entity; other subgraphs reference it by id. */
@ObjectType('User')
@Directive('@key(fields: "id")')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  /** Read by the `email` field resolver, which applies the privacy rule. */
  privateEmail!: string;

  /** True where the user is known to be the viewer (the payload of its own login). */
  viewerIsUser = false;

  static from(user: User, viewerIsUser = false): UserType {
    return Object.assign(new UserType(), {
      id: user.id,
      name: user.name,
      role: user.role,
      createdAt: user.createdAt,
      privateEmail: user.email,
      viewerIsUser,
    });
  }
}
