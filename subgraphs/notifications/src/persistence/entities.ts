import { EntitySchema } from '@mikro-orm/core';
import { eventEntities } from '@peerseed/shared';
import type { OutgoingEmail } from '../application/ports.js';
import type { Notification } from '../domain/notification.js';

// Plain domain/application records mapped to tables; column types match the committed
// migrations (a test checks).

export const NotificationEntity = new EntitySchema<Notification>({
  name: 'Notification',
  tableName: 'notifications',
  // Keyset pages of one recipient, newest first: PostgreSQL reads this index backwards.
  indexes: [{ name: 'notifications_recipient_page_index', properties: ['recipientId', 'createdAt', 'id'] }],
  // One notification per event and recipient, whatever the inbox lets through.
  uniques: [{ name: 'notifications_event_recipient_unique', properties: ['eventId', 'recipientId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    eventId: { type: 'uuid' },
    recipientId: { type: 'uuid' },
    kind: { type: 'string', length: 32 },
    title: { type: 'string', length: 120 },
    body: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
    readAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const EmailEntity = new EntitySchema<OutgoingEmail>({
  name: 'OutgoingEmail',
  tableName: 'email_outbox',
  // The dispatcher's claim: PENDING rows by due time.
  indexes: [{ name: 'email_outbox_due_index', properties: ['status', 'nextAttemptAt'] }],
  checks: [
    {
      name: 'email_outbox_status_check',
      expression: `status in ('PENDING', 'SENT', 'SKIPPED_NO_ADDRESS', 'FAILED')`,
    },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    notificationId: { type: 'uuid', unique: 'email_outbox_notification_unique' },
    recipientId: { type: 'uuid' },
    subject: { type: 'string', length: 200 },
    text: { type: 'text' },
    status: { type: 'string', length: 24 },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: 'datetime', length: 3 },
    lastError: { type: 'string', length: 500, nullable: true },
    createdAt: { type: 'datetime', length: 3 },
    sentAt: { type: 'datetime', length: 3, nullable: true },
  },
});

export const notificationsEntities = [NotificationEntity, EmailEntity, ...eventEntities];
