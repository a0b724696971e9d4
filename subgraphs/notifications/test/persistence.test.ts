import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { notificationsMigrations } from '../src/persistence/migrations/index.js';
import { startTestNotifications, type TestNotifications } from './support/test-notifications.js';

describe('notifications persistence (real PostgreSQL)', () => {
  let app: TestNotifications;
  beforeAll(async () => {
    app = await startTestNotifications();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('applies the committed migrations, and they match the entity mapping', async () => {
    const applied = await app.sql<{ name: string }>('select name from mikro_orm_migrations');
    expect(applied.map((m) => m.name)).toEqual(notificationsMigrations.map((m) => m.name));
    const drift = await app.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('refuses, in the database itself, a second notification of one event for one recipient', async () => {
    const insert = (eventId: string, recipientId: string) =>
      app.sql(
        `insert into notifications (id, event_id, recipient_id, kind, title, body, created_at) values (?, ?, ?, 'OFFER_FUNDED', 't', 'b', now())`,
        [randomUUID(), eventId, recipientId],
      );
    const [eventId, ana, bruno] = [randomUUID(), randomUUID(), randomUUID()];
    await insert(eventId, ana);
    await insert(eventId, bruno);
    await expect(insert(eventId, ana)).rejects.toThrow(/notifications_event_recipient_unique/);
  });

  it('refuses a second email for one notification and an unknown email status', async () => {
    const insert = (notificationId: string, status: string) =>
      app.sql(
        `insert into email_outbox (id, notification_id, recipient_id, subject, text, status, attempts, next_attempt_at, created_at)
         values (?, ?, ?, 's', 't', ?, 0, now(), now())`,
        [randomUUID(), notificationId, randomUUID(), status],
      );
    const notificationId = randomUUID();
    await insert(notificationId, 'SENT');
    await expect(insert(notificationId, 'SENT')).rejects.toThrow(/email_outbox_notification_unique/);
    await expect(insert(randomUUID(), 'BOUNCED')).rejects.toThrow(/email_outbox_status_check/);
  });
});
