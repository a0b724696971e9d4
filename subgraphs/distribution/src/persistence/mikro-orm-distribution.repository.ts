import type { Em } from '@peerseed/shared';
import type { DistributionRepository, DistributionView } from '../application/ports.js';
import type { Distribution } from '../domain/distribution.js';
import type { LineScope } from '../domain/line-visibility.js';
import { onlyUuids, pgArray } from './pg-arrays.js';
import { selectDistributions, type DistributionKey } from './select-distributions.js';

/** Distributions and their lines; writes and reads take a fixed number of statements, whatever the lines. */
export class MikroOrmDistributionRepository implements DistributionRepository {
  constructor(private readonly em: Em) {}

  async add(d: Distribution): Promise<'added' | 'exists'> {
    // The unique payment_id decides: a concurrent add of the same payment waits here, then finds it taken.
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into "distributions" ("id", "payment_id", "cpr_id", "installment_number", "total", "fee", "created_at")
        values (?, ?, ?, ?, ?, ?, ?) on conflict ("payment_id") do nothing returning "id"`,
      [d.id, d.paymentId, d.cprId, d.installmentNumber, d.total.toString(), d.fee.toString(), d.createdAt],
    );
    if (inserted.length === 0) return 'exists';
    // Every line in one statement; `ordinality` keeps the split's priority order.
    await this.em.execute(
      `insert into "distribution_lines" ("distribution_id", "investor_id", "position", "amount")
        select ?, l.investor_id, l.position::int, l.amount
          from unnest(?::uuid[], ?::bigint[]) with ordinality as l(investor_id, amount, position)`,
      [d.id, pgArray(d.lines.map((line) => line.investorId)), pgArray(d.lines.map((line) => line.amount))],
    );
    return 'added';
  }

  async existsForPayment(paymentId: string): Promise<boolean> {
    const rows = await this.em.execute(`select 1 from "distributions" where "payment_id" = ? limit 1`, [paymentId]);
    return rows.length > 0;
  }

  byIds(ids: readonly string[], scope: LineScope): Promise<DistributionView[]> {
    return this.select('id', ids, scope);
  }

  byCprIds(cprIds: readonly string[], scope: LineScope): Promise<DistributionView[]> {
    return this.select('cpr_id', cprIds, scope);
  }

  byPaymentIds(paymentIds: readonly string[], scope: LineScope): Promise<DistributionView[]> {
    return this.select('payment_id', paymentIds, scope);
  }

  private async select(key: DistributionKey, values: readonly string[], scope: LineScope) {
    const keys = onlyUuids(values);
    return keys.length === 0 ? [] : selectDistributions(this.em, key, keys, scope);
  }
}
