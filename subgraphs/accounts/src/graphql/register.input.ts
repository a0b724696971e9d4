import { Field, InputType } from 'type-graphql';
import { Role } from './role.enum.js';

/** What every new account gives; the inputs below add the role with their own rule. */
@InputType()
abstract class NewUserFields {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  password!: string;

  @Field(() => String, { description: 'CPF (11 digits) for people, CNPJ (14 characters) for companies' })
  document!: string;
}

@InputType('RegisterInput')
export class RegisterInput extends NewUserFields {
  @Field(() => Role, { description: 'Only INVESTOR or PRODUCER may self-register' })
  role!: Role;
}

@InputType('CreateStaffUserInput', { description: 'An ADMIN creates ADMIN or ANALYST accounts' })
export class CreateStaffUserInput extends NewUserFields {
  @Field(() => Role, { description: 'ADMIN or ANALYST' })
  role!: Role;
}
