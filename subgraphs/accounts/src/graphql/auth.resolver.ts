import { requireRole, Role } from '@peerseed/shared';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { AccountsContext } from './accounts-context.js';
import { AuthPayloadType } from './auth-payload.type.js';
import { CreateStaffUserInput, RegisterInput } from './register.input.js';
import { UserType } from './user.type.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => AuthPayloadType, { description: 'Self-registration (INVESTOR or PRODUCER); signs the user in' })
  async register(@Arg('input', () => RegisterInput) input: RegisterInput, @Ctx() ctx: AccountsContext) {
    return AuthPayloadType.from(await ctx.useCases.register.execute(input));
  }

  @Mutation(() => AuthPayloadType)
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: AccountsContext,
  ) {
    return AuthPayloadType.from(await ctx.useCases.login.execute(email, password));
  }

  @Mutation(() => AuthPayloadType, { description: 'Rotates the refresh token; a reused token revokes its session' })
  async refreshToken(@Arg('refreshToken', () => String) refreshToken: string, @Ctx() ctx: AccountsContext) {
    return AuthPayloadType.from(await ctx.useCases.refresh.execute(refreshToken));
  }

  @Mutation(() => UserType, { description: 'ADMIN: creates an ADMIN or ANALYST account' })
  async createStaffUser(
    @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput,
    @Ctx() ctx: AccountsContext,
  ) {
    return UserType.from(await ctx.useCases.createStaffUser.execute(ctx.identity, input));
  }

  @Mutation(() => String, {
    description:
      'ADMIN: publishes a new signing key, which signs from SIGNING_KEY_ACTIVATION_DELAY_SECONDS later (the current one until then); returns its kid',
  })
  async rotateSigningKey(@Ctx() ctx: AccountsContext) {
    requireRole(ctx.identity, Role.ADMIN);
    return ctx.useCases.rotateSigningKey();
  }
}
