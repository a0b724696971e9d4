import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { distributionMigrations } from '../src/persistence/migrations/index.js';
import { startTestDistribution, type TestDistribution } from './support/test-distribution.js';

describe('distribution persistence (real PostgreSQL)', () => {
  let app: TestDistribution;
  beforeAll(async () => {
    app = await startTestDistribution();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('applies the committed migrations, and they match the entity mapping', async () => {
    const applied = await app.sql<{ name: string }>('select name from mikro_orm_migrations');
    expect(applied.map((m) => m.name)).toEqual(distributionMigrations.map((m) => m.name));
    const drift = await app.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(drift.trim()).toBe('');
  });

  it('refuses, in the database itself, a second distribution of a payment and impossible amounts', async () => {
    const insert = (paymentId: string, total: number, fee: number) =>
      app.sql(
        `insert into distributions (id, payment_id, cpr_id, installment_number, total, fee, created_at)
          values (?, ?, ?, 1, ?, ?, now())`,
        [randomUUID(), paymentId, randomUUID(), total, fee],
      );
    const paymentId = randomUUID();
    await insert(paymentId, 100, 0);
    await expect(insert(paymentId, 100, 0)).rejects.toThrow(/distributions_payment_unique/);
    await expect(insert(randomUUID(), 100, 101)).rejects.toThrow(/distributions_fee_check/);
    await expect(insert(randomUUID(), 100, -1)).rejects.toThrow(/distributions_fee_check/);
    await expect(
      app.sql(`insert into distribution_lines (distribution_id, investor_id, position, amount) values (?, ?, 1, 5)`, [
        randomUUID(),
        randomUUID(),
      ]),
    ).rejects.toThrow(/distribution_lines_distribution_fk/);
    await app.sql(`delete from distributions where payment_id = ?`, [paymentId]);
  });
});
