import { Migration } from '@mikro-orm/migrations';

/** Notifications (one per event and recipient) and the email outbox (one email per notification). */
export class Migration20261205000000_notifications extends Migration {
  override up(): void {
    this.addSql(`create table "notifications" (
      "id" uuid not null primary key,
      "event_id" uuid not null,
      "recipient_id" uuid not null,
      "kind" varchar(32) not null,
      "title" varchar(120) not null,
      "body" text not null,
      "created_at" timestamptz(3) not null,
      "read_at" timestamptz(3) null,
      constraint "notifications_event_recipient_unique" unique ("event_id", "recipient_id")
    );`);
    this.addSql(
      `create index "notifications_recipient_page_index" on "notifications" ("recipient_id", "created_at", "id");`,
    );
    this.addSql(`create table "email_outbox" (
      "id" uuid not null primary key,
      "notification_id" uuid not null,
      "recipient_id" uuid not null,
      "subject" varchar(200) not null,
      "text" text not null,
      "status" varchar(24) not null,
      "attempts" int not null,
      "next_attempt_at" timestamptz(3) not null,
      "last_error" varchar(500) null,
      "created_at" timestamptz(3) not null,
      "sent_at" timestamptz(3) null,
      constraint "email_outbox_notification_unique" unique ("notification_id"),
      constraint "email_outbox_status_check" check (status in ('PENDING', 'SENT', 'SKIPPED_NO_ADDRESS', 'FAILED'))
    );`);
    this.addSql(`create index "email_outbox_due_index" on "email_outbox" ("status", "next_attempt_at");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "email_outbox";`);
    this.addSql(`drop table if exists "notifications";`);
  }
}
