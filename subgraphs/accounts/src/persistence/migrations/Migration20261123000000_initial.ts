import { Migration } from '@mikro-orm/migrations';

/** Users, refresh-token families and signing keys. */
export class Migration20261123000000_initial extends Migration {
  override up(): void {
    this.addSql(`create table "users" (
      "id" uuid not null primary key,
      "name" varchar(120) not null,
      "email" varchar(254) not null,
      "role" varchar(16) not null,
      "document" varchar(14) not null,
      "person_type" varchar(16) not null,
      "password_hash" varchar(255) not null,
      "created_at" timestamptz(3) not null,
      "failed_login_count" int not null default 0,
      "locked_until" timestamptz(3) null,
      constraint "users_email_unique" unique ("email"),
      constraint "users_document_unique" unique ("document")
    );`);
    this.addSql(`create table "refresh_tokens" (
      "id" uuid not null primary key,
      "family_id" uuid not null,
      "user_id" uuid not null,
      "token_hash" varchar(64) not null,
      "created_at" timestamptz(3) not null,
      "expires_at" timestamptz(3) not null,
      "rotated_at" timestamptz(3) null,
      "revoked_at" timestamptz(3) null,
      constraint "refresh_tokens_hash_unique" unique ("token_hash")
    );`);
    this.addSql(`create index "refresh_tokens_family_index" on "refresh_tokens" ("family_id");`);
    this.addSql(`create table "signing_keys" (
      "kid" varchar(64) not null primary key,
      "private_jwk" text not null,
      "public_jwk" text not null,
      "created_at" timestamptz(3) not null,
      "retired_at" timestamptz(3) null
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "signing_keys";`);
    this.addSql(`drop table if exists "refresh_tokens";`);
    this.addSql(`drop table if exists "users";`);
  }
}
