import { randomUUID } from 'node:crypto';
import type { Em } from '@peerseed/shared';
import { InsufficientFundsError } from '@peerseed/shared/domain';
import type { LedgerRepository, StatementLine, StatementPosition, WalletBalances } from '../application/ports.js';
import { accountKey, type AccountRef } from '../domain/ledger-account.js';
import type { LedgerTransaction, TransactionKind } from '../domain/ledger-transaction.js';

const ownerOf = (ref: AccountRef) => ('ownerId' in ref ? ref.ownerId : null);
const referenceOf = (ref: AccountRef) => (ref.kind === 'ESCROW' ? ref.investmentId : null);

interface StatementRow {
  id: string;
  kind: TransactionKind;
  reference: string;
  cpr_id: string | null;
  created_at: Date;
  available: string;
  escrowed: string;
}

/**
 * The ledger in SQL. A posting is one conditional update (`balance + amount >= 0` unless
 * the account may go negative): zero rows updated means insufficient funds, and no
 * read-then-write race exists. Accounts are updated in id order, so transactions touching
 * the same accounts (FEES, CLEARING) queue up instead of deadlocking.
 */
export class MikroOrmLedgerRepository implements LedgerRepository {
  constructor(private readonly em: Em) {}

  async post(transaction: LedgerTransaction): Promise<'posted' | 'duplicate'> {
    // First the key: a concurrent post of the same key waits here for the first one's outcome.
    const claimed = await this.em.execute<{ id: string }[]>(
      `insert into "ledger_transactions" ("id", "kind", "idempotency_key", "reference", "cpr_id", "created_at")
        values (?, ?, ?, ?, ?, ?) on conflict ("idempotency_key") do nothing returning "id"`,
      [
        transaction.id,
        transaction.kind,
        transaction.idempotencyKey,
        transaction.reference,
        transaction.cprId,
        transaction.createdAt,
      ],
    );
    if (claimed.length === 0) return 'duplicate';
    const ids = await this.accountIds(transaction.postings.map((p) => p.account));
    const postings = transaction.postings
      .map((p) => ({ ...p, accountId: ids.get(accountKey(p.account))! }))
      .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    for (const posting of postings) {
      const updated = await this.em.execute<{ id: string }[]>(
        `update "ledger_accounts" set "balance" = "balance" + ?
          where "id" = ? and ("kind" = 'EXTERNAL' or "balance" + ? >= 0) returning "id"`,
        [posting.amount.toString(), posting.accountId, posting.amount.toString()],
      );
      if (updated.length === 0) throw new InsufficientFundsError('Insufficient funds');
    }
    await this.em.execute(
      `insert into "ledger_entries" ("transaction_id", "account_id", "amount") values ${postings.map(() => '(?, ?, ?)').join(', ')}`,
      postings.flatMap((p) => [transaction.id, p.accountId, p.amount.toString()]),
    );
    return 'posted';
  }

  async lockBalance(account: AccountRef): Promise<bigint> {
    const [id] = (await this.accountIds([account])).values();
    const rows = await this.em.execute<{ balance: string }[]>(
      `select "balance" from "ledger_accounts" where "id" = ? for update`,
      [id],
    );
    return BigInt(rows[0]!.balance);
  }

  async walletOf(ownerId: string): Promise<WalletBalances> {
    const rows = await this.em.execute<{ kind: string; total: string }[]>(
      `select "kind", sum("balance") as "total" from "ledger_accounts" where "owner_id" = ? group by "kind"`,
      [ownerId],
    );
    const total = (kind: string) => BigInt(rows.find((r) => r.kind === kind)?.total ?? 0);
    return { available: total('AVAILABLE'), escrowed: total('ESCROW') };
  }

  async statement(ownerId: string, limit: number, after: StatementPosition | null): Promise<StatementLine[]> {
    const rows = await this.em.execute<StatementRow[]>(
      `select t."id", t."kind", t."reference", t."cpr_id", t."created_at",
          sum(case when a."kind" = 'AVAILABLE' then e."amount" else 0 end) as "available",
          sum(case when a."kind" = 'ESCROW' then e."amount" else 0 end) as "escrowed"
        from "ledger_accounts" a
        join "ledger_entries" e on e."account_id" = a."id"
        join "ledger_transactions" t on t."id" = e."transaction_id"
        where a."owner_id" = ? ${after ? `and (t."created_at", t."id") < (?::timestamptz, ?::uuid)` : ''}
        group by t."id"
        order by t."created_at" desc, t."id" desc
        limit ?`,
      [ownerId, ...(after ? [after.createdAt.toISOString(), after.transactionId] : []), limit],
    );
    return rows.map((row) => ({
      transactionId: row.id,
      kind: row.kind,
      reference: row.reference,
      cprId: row.cpr_id,
      createdAt: new Date(row.created_at),
      available: BigInt(row.available),
      escrowed: BigInt(row.escrowed),
    }));
  }

  /** Ids of the accounts, created (balance 0) where missing. */
  private async accountIds(accounts: AccountRef[]): Promise<Map<string, string>> {
    const ids = await this.findAccountIds(accounts.map(accountKey));
    const missing = accounts.filter((a) => !ids.has(accountKey(a)));
    if (missing.length === 0) return ids;
    await this.em.execute(
      `insert into "ledger_accounts" ("id", "key", "kind", "owner_id", "reference", "balance")
        values ${missing.map(() => '(?, ?, ?, ?, ?, 0)').join(', ')} on conflict ("key") do nothing`,
      missing.flatMap((a) => [randomUUID(), accountKey(a), a.kind, ownerOf(a), referenceOf(a)]),
    );
    // A new statement: it also sees accounts that a concurrent transaction created and committed meanwhile.
    for (const [key, id] of await this.findAccountIds(missing.map(accountKey))) ids.set(key, id);
    return ids;
  }

  private async findAccountIds(keys: string[]): Promise<Map<string, string>> {
    const rows = await this.em.execute<{ id: string; key: string }[]>(
      `select "id", "key" from "ledger_accounts" where "key" in (${keys.map(() => '?').join(', ')})`,
      keys,
    );
    return new Map(rows.map((row) => [row.key, row.id]));
  }
}
