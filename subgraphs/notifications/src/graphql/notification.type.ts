import { DateTimeScalar } from '@peerseed/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import type { Notification } from '../domain/notification.js';

/** A message to the viewer about something that happened (pt-BR). Only its recipient sees it. */
@ObjectType('Notification')
@Directive('@key(fields: "id")')
export class NotificationType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      'INVESTMENT_CONFIRMED, INVESTMENT_REJECTED, OFFER_FUNDED, OFFER_CANCELLED, CPR_DISBURSED, PAYMENT_CONFIRMED, DISTRIBUTION_CREDITED or INSTALLMENT_LATE',
  })
  kind!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the viewer first marked it read' })
  readAt!: Date | null;

  static from(n: Notification): NotificationType {
    return Object.assign(new NotificationType(), {
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt,
      readAt: n.readAt,
    });
  }
}
