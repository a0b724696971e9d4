import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { walletMigrations } from '../src/persistence/migrations/index.js';
import { startTestWallet, type TestWallet } from './support/test-wallet.js';

describe('wallet persistence (real PostgreSQL)', () => {
  let wallet: TestWallet;
  beforeAll(async () => {
    wallet = await startTestWallet();
  });
  afterAll(async () => {
    await wallet.stop();
  });

  it('applies the committed migrations, and they match the entity mapping', async () => {
    const applied = await wallet.sql<{ name: string }>('select name from mikro_orm_migrations');
    expect(applied.map((m) => m.name)).toEqual(walletMigrations.map((m) => m.name));
    const drift = await wallet.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('refuses, in the database itself, a negative balance on any account but EXTERNAL', async () => {
    const insert = (kind: string, balance: number) =>
      wallet.sql(`insert into ledger_accounts (id, key, kind, balance) values (?, ?, ?, ?)`, [
        randomUUID(),
        `probe:${randomUUID()}`,
        kind,
        balance,
      ]);
    for (const kind of ['AVAILABLE', 'ESCROW', 'FEES', 'CLEARING']) {
      await expect(insert(kind, -1)).rejects.toThrow(/ledger_accounts_balance_check/);
    }
    await expect(insert('EXTERNAL', -1)).resolves.toBeDefined();
    await expect(insert('SOMETHING', 0)).rejects.toThrow(/ledger_accounts_kind_check/);
    await wallet.sql(`delete from ledger_accounts where key like 'probe:%'`);
  });

  it('refuses entries of zero and idempotency keys used twice', async () => {
    const tx = (key: string) =>
      wallet.sql(
        `insert into ledger_transactions (id, kind, idempotency_key, reference, created_at) values (?, 'DEPOSIT', ?, ?, now())`,
        [randomUUID(), key, randomUUID()],
      );
    await tx('probe:once');
    await expect(tx('probe:once')).rejects.toThrow(/ledger_transactions_idempotency_key_unique/);
    await wallet.sql(`delete from ledger_transactions where idempotency_key like 'probe:%'`);
  });
});
