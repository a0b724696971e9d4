import { Field, Int, ObjectType } from 'type-graphql';
import type { Session } from '../application/session-issuer.js';
import { UserType } from './user.type.js';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field(() => String)
  accessToken!: string;

  @Field(() => String)
  refreshToken!: string;

  @Field(() => String)
  tokenType!: string;

  @Field(() => Int, { description: 'Seconds until the access token expires' })
  expiresIn!: number;

  @Field(() => UserType)
  user!: UserType;

  static from(session: Session): AuthPayloadType {
    return Object.assign(new AuthPayloadType(), {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      tokenType: 'Bearer',
      expiresIn: session.expiresIn,
      user: UserType.from(session.user, true),
    });
  }
}
