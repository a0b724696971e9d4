import { Migration } from '@mikro-orm/migrations';

/** The projection of disbursed CPRs and their holdings; distributions and their lines. */
export class Migration20261125000000_holdings_distributions extends Migration {
  override up(): void {
    this.addSql(`create table "cprs" (
      "id" uuid not null primary key,
      "issuer_id" uuid not null,
      "funded_amount" bigint not null,
      "disbursed_at" timestamptz(3) not null,
      constraint "cprs_funded_amount_check" check (funded_amount > 0)
    );`);
    this.addSql(`create table "holdings" (
      "cpr_id" uuid not null,
      "investment_id" uuid not null,
      "investor_id" uuid not null,
      "amount" bigint not null,
      "invested_at" timestamptz(3) not null,
      constraint "holdings_pkey" primary key ("cpr_id", "investment_id"),
      constraint "holdings_amount_check" check (amount > 0)
    );`);
    this.addSql(`create table "distributions" (
      "id" uuid not null primary key,
      "payment_id" uuid not null,
      "cpr_id" uuid not null,
      "installment_number" int not null,
      "total" bigint not null,
      "fee" bigint not null,
      "created_at" timestamptz(3) not null,
      constraint "distributions_payment_unique" unique ("payment_id"),
      constraint "distributions_fee_check" check (fee >= 0 and fee <= total)
    );`);
    this.addSql(`create index "distributions_cpr_index" on "distributions" ("cpr_id", "installment_number");`);
    this.addSql(`create table "distribution_lines" (
      "distribution_id" uuid not null,
      "investor_id" uuid not null,
      "position" int not null,
      "amount" bigint not null,
      constraint "distribution_lines_pkey" primary key ("distribution_id", "investor_id"),
      constraint "distribution_lines_distribution_fk" foreign key ("distribution_id") references "distributions" ("id"),
      constraint "distribution_lines_amount_check" check (amount >= 0)
    );`);
  }

  override down(): void {
    for (const table of ['distribution_lines', 'distributions', 'holdings', 'cprs']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}
