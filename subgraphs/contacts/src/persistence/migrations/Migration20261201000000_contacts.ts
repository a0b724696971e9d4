import { Migration } from '@mikro-orm/migrations';

/** Persisted contacts and the PENDING requests the worker has not persisted yet. */
export class Migration20261201000000_contacts extends Migration {
  override up(): void {
    for (const [table, extra] of [
      ['contacts', `,\n      "version" int not null`],
      ['contact_requests', ''],
    ] as const) {
      this.addSql(`create table "${table}" (
      "id" uuid not null primary key,
      "owner_id" uuid not null,
      "first_name" varchar(100) not null,
      "last_name" varchar(100) not null,
      "email" varchar(254) not null,
      "phone" varchar(16) null,
      "created_at" timestamptz(3) not null,
      "updated_at" timestamptz(3) not null${extra}
    );`);
      // Keyset pages of one owner: (owner_id, created_at, id) is exactly the order and filter.
      this.addSql(`create index "${table}_owner_page_index" on "${table}" ("owner_id", "created_at", "id");`);
    }
  }

  override down(): void {
    this.addSql(`drop table if exists "contact_requests";`);
    this.addSql(`drop table if exists "contacts";`);
  }
}
