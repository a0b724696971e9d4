import { Field, InputType } from 'type-graphql';

/** What the owner gives for a contact; the domain trims, validates and normalises it. */
@InputType('ContactInput')
export class ContactInput {
  @Field(() => String, { description: 'Required; at most 100 characters' })
  firstName!: string;

  @Field(() => String, { description: 'Required; at most 100 characters' })
  lastName!: string;

  @Field(() => String, { description: 'At most 254 characters' })
  email!: string;

  @Field(() => String, {
    nullable: true,
    description: 'E.164 (+5511987654321); Brazilian national numbers such as (11) 98765-4321 are accepted',
  })
  phone?: string | null;
}
