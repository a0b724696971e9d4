import { Migration } from '@mikro-orm/migrations';

/** CPR offerings, their installment schedules and investments. Money in bigint centavos. */
export class Migration20261123100000_initial extends Migration {
  override up(): void {
    this.addSql(`create table "cprs" (
      "id" uuid not null primary key,
      "code" varchar(40) not null,
      "issuer_id" uuid not null,
      "title" varchar(140) not null,
      "commodity" varchar(16) not null,
      "quantity" bigint not null,
      "unit" varchar(16) not null,
      "target_amount" bigint not null,
      "minimum_amount" bigint not null,
      "funded_amount" bigint not null,
      "pending_amount" bigint not null,
      "annual_rate_bps" int not null,
      "funding_deadline" timestamptz(3) not null,
      "maturity_date" timestamptz(3) not null,
      "installment_count" int not null,
      "status" varchar(16) not null,
      "created_at" timestamptz(3) not null,
      "opened_at" timestamptz(3) null,
      "disbursed_at" timestamptz(3) null,
      constraint "cprs_code_unique" unique ("code")
    );`);
    this.addSql(`create index "cprs_issuer_index" on "cprs" ("issuer_id");`);
    this.addSql(`create index "cprs_listing_index" on "cprs" ("created_at", "id");`);
    this.addSql(`create index "cprs_status_index" on "cprs" ("status", "funding_deadline");`);
    this.addSql(`create table "installments" (
      "cpr_id" uuid not null,
      "number" int not null,
      "due_date" timestamptz(3) not null,
      "amount" bigint not null,
      "status" varchar(16) not null,
      "paid_at" timestamptz(3) null,
      primary key ("cpr_id", "number")
    );`);
    this.addSql(`create index "installments_due_index" on "installments" ("status", "due_date");`);
    this.addSql(`create table "investments" (
      "id" uuid not null primary key,
      "cpr_id" uuid not null,
      "investor_id" uuid not null,
      "amount" bigint not null,
      "status" varchar(16) not null,
      "rejection_reason" varchar(200) null,
      "created_at" timestamptz(3) not null,
      "updated_at" timestamptz(3) not null
    );`);
    this.addSql(`create index "investments_investor_index" on "investments" ("investor_id", "created_at");`);
    this.addSql(`create index "investments_cpr_index" on "investments" ("cpr_id", "status");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "investments";`);
    this.addSql(`drop table if exists "installments";`);
    this.addSql(`drop table if exists "cprs";`);
  }
}
