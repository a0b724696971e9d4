import { Migration } from '@mikro-orm/migrations';

/** The double-entry ledger: accounts with their balances, transactions, entries. */
export class Migration20261124000000_ledger extends Migration {
  override up(): void {
    this.addSql(`create table "ledger_accounts" (
      "id" uuid not null primary key,
      "key" varchar(120) not null,
      "kind" varchar(16) not null,
      "owner_id" uuid null,
      "reference" uuid null,
      "balance" bigint not null,
      constraint "ledger_accounts_key_unique" unique ("key"),
      constraint "ledger_accounts_kind_check" check (kind in ('AVAILABLE', 'ESCROW', 'EXTERNAL', 'FEES', 'CLEARING')),
      constraint "ledger_accounts_balance_check" check (kind = 'EXTERNAL' or balance >= 0)
    );`);
    this.addSql(`create index "ledger_accounts_owner_index" on "ledger_accounts" ("owner_id");`);
    this.addSql(`create table "ledger_transactions" (
      "id" uuid not null primary key,
      "kind" varchar(32) not null,
      "idempotency_key" varchar(200) not null,
      "reference" uuid not null,
      "cpr_id" uuid null,
      "created_at" timestamptz(3) not null,
      constraint "ledger_transactions_idempotency_key_unique" unique ("idempotency_key")
    );`);
    this.addSql(`create table "ledger_entries" (
      "transaction_id" uuid not null,
      "account_id" uuid not null,
      "amount" bigint not null,
      constraint "ledger_entries_pkey" primary key ("transaction_id", "account_id"),
      constraint "ledger_entries_transaction_fk" foreign key ("transaction_id") references "ledger_transactions" ("id"),
      constraint "ledger_entries_account_fk" foreign key ("account_id") references "ledger_accounts" ("id"),
      constraint "ledger_entries_amount_check" check (amount <> 0)
    );`);
    this.addSql(`create index "ledger_entries_account_index" on "ledger_entries" ("account_id");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "ledger_entries";`);
    this.addSql(`drop table if exists "ledger_transactions";`);
    this.addSql(`drop table if exists "ledger_accounts";`);
  }
}
