import { Migration } from '@mikro-orm/migrations';

/** Outbox, inbox and dead letters: the same tables in every subgraph's database. */
export class EventTablesMigration extends Migration {
  override up(): void {
    this.addSql(`create table "outbox_events" (
      "id" uuid not null primary key,
      "stream" varchar(32) not null,
      "subject" varchar(200) not null,
      "envelope" text not null,
      "created_at" timestamptz(3) not null,
      "published_at" timestamptz(3) null,
      "attempts" int not null default 0,
      "last_error" text null
    );`);
    this.addSql(`create index "outbox_events_pending_index" on "outbox_events" ("published_at", "created_at");`);
    this.addSql(`create table "inbox_events" (
      "consumer" varchar(120) not null,
      "event_id" varchar(64) not null,
      "processed_at" timestamptz(3) not null,
      primary key ("consumer", "event_id")
    );`);
    this.addSql(`create table "dead_letters" (
      "id" uuid not null primary key,
      "consumer" varchar(120) not null,
      "event_id" varchar(64) null,
      "stream" varchar(32) not null,
      "subject" varchar(200) not null,
      "envelope" text not null,
      "error" text not null,
      "deliveries" int not null,
      "created_at" timestamptz(3) not null,
      "replayed_at" timestamptz(3) null
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "dead_letters";`);
    this.addSql(`drop table if exists "inbox_events";`);
    this.addSql(`drop table if exists "outbox_events";`);
  }
}
