import { Migration } from '@mikro-orm/migrations';

/**
 * When each signing key starts signing: a rotation publishes the next key before it signs
 * (docs/adr/0002). Keys that already exist started signing when they were created.
 */
export class Migration20261127000000_signing_key_activation extends Migration {
  override up(): void {
    this.addSql(`alter table "signing_keys" add column "activates_at" timestamptz(3) null;`);
    this.addSql(`update "signing_keys" set "activates_at" = "created_at";`);
    this.addSql(`alter table "signing_keys" alter column "activates_at" set not null;`);
  }

  override down(): void {
    this.addSql(`alter table "signing_keys" drop column "activates_at";`);
  }
}
