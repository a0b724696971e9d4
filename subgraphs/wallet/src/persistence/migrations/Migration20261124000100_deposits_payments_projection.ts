import { Migration } from '@mikro-orm/migrations';

/** Deposits, reservations (answers to investment requests), the CPR projection and payments. */
export class Migration20261124000100_deposits_payments_projection extends Migration {
  override up(): void {
    this.addSql(`create table "deposits" (
      "id" uuid not null primary key,
      "owner_id" uuid not null,
      "amount" bigint not null,
      "status" varchar(16) not null,
      "created_at" timestamptz(3) not null,
      "confirmed_at" timestamptz(3) null,
      constraint "deposits_amount_check" check (amount > 0)
    );`);
    this.addSql(`create index "deposits_owner_index" on "deposits" ("owner_id");`);
    this.addSql(`create table "reservations" (
      "investment_id" uuid not null primary key,
      "cpr_id" uuid not null,
      "investor_id" uuid not null,
      "amount" bigint not null,
      "status" varchar(16) not null,
      "created_at" timestamptz(3) not null,
      "updated_at" timestamptz(3) not null
    );`);
    this.addSql(`create index "reservations_cpr_index" on "reservations" ("cpr_id");`);
    this.addSql(`create table "cprs" (
      "id" uuid not null primary key,
      "issuer_id" uuid not null,
      "status" varchar(16) not null,
      "funded_amount" bigint null,
      "origination_fee" bigint null,
      "updated_at" timestamptz(3) not null
    );`);
    this.addSql(`create table "cpr_holdings" (
      "cpr_id" uuid not null,
      "investment_id" uuid not null,
      "investor_id" uuid not null,
      "amount" bigint not null,
      constraint "cpr_holdings_pkey" primary key ("cpr_id", "investment_id")
    );`);
    this.addSql(`create index "cpr_holdings_investor_index" on "cpr_holdings" ("investor_id", "cpr_id");`);
    this.addSql(`create table "cpr_installments" (
      "cpr_id" uuid not null,
      "number" int not null,
      "due_date" timestamptz(3) not null,
      "amount" bigint not null,
      constraint "cpr_installments_pkey" primary key ("cpr_id", "number")
    );`);
    this.addSql(`create table "payments" (
      "id" uuid not null primary key,
      "cpr_id" uuid not null,
      "installment_number" int not null,
      "payer_id" uuid not null,
      "installment_amount" bigint not null,
      "late_fine" bigint not null,
      "late_interest" bigint not null,
      "amount" bigint not null,
      "status" varchar(16) not null,
      "paid_at" timestamptz(3) null,
      constraint "payments_installment_unique" unique ("cpr_id", "installment_number")
    );`);
  }

  override down(): void {
    for (const table of ['payments', 'cpr_installments', 'cpr_holdings', 'cprs', 'reservations', 'deposits']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
