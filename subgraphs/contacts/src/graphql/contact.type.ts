import { DateTimeScalar } from '@peerseed/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Contact } from '../domain/contact.js';
import { ContactStatus } from './contact-status.enum.js';
import { UserType } from './user.type.js';

/** A contact of the signed-in user (federated entity; visible to its owner only). */
@ObjectType('Contact')
@Directive('@key(fields: "id")')
export class ContactType {
  @Field(() => ID)
  id!: string;

  @Field(() => UserType)
  owner!: UserType;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: 'E.164, e.g. +5511987654321' })
  phone!: string | null;

  @Field(() => ContactStatus)
  status!: ContactStatus;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  static from(contact: Contact): ContactType {
    return Object.assign(new ContactType(), {
      id: contact.id,
      owner: UserType.of(contact.ownerId),
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      status: contact.status,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
    });
  }
}
