import type { Em } from '@peerseed/shared';
import type { HoldingsProjection } from '../application/ports.js';
import type { DisbursedCpr, Holding } from '../domain/holding.js';
import { CprEntity } from './entities.js';
import { pgArray, pgTimestampArray } from './pg-arrays.js';

interface HoldingRow {
  investment_id: string;
  investor_id: string;
  amount: string;
  invested_at: Date | string;
}

/** Disbursed CPRs and their holdings. Thousands of holdings per CPR: bulk SQL, no entity per row. */
export class MikroOrmHoldingsProjection implements HoldingsProjection {
  constructor(private readonly em: Em) {}

  async recordDisbursed(cpr: DisbursedCpr, holdings: readonly Holding[]): Promise<boolean> {
    const inserted = await this.em.execute<{ id: string }[]>(
      `insert into "cprs" ("id", "issuer_id", "funded_amount", "disbursed_at") values (?, ?, ?, ?)
        on conflict ("id") do nothing returning "id"`,
      [cpr.id, cpr.issuerId, cpr.fundedAmount.toString(), cpr.disbursedAt],
    );
    if (inserted.length === 0) return false;
    await this.em.execute(
      `insert into "holdings" ("cpr_id", "investment_id", "investor_id", "amount", "invested_at")
        select ?, h.investment_id, h.investor_id, h.amount, h.invested_at
          from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::timestamptz[]) as h(investment_id, investor_id, amount, invested_at)`,
      [
        cpr.id,
        pgArray(holdings.map((h) => h.investmentId)),
        pgArray(holdings.map((h) => h.investorId)),
        pgArray(holdings.map((h) => h.amount)),
        pgTimestampArray(holdings.map((h) => h.investedAt)),
      ],
    );
    return true;
  }

  find(cprId: string): Promise<DisbursedCpr | null> {
    return this.em.findOne(CprEntity, { id: cprId });
  }

  async holdingsOf(cprId: string): Promise<Holding[]> {
    const rows = await this.em.execute<HoldingRow[]>(
      // As text: embedded PGlite returns bigint as a JS number, exact only up to 2^53.
      `select "investment_id", "investor_id", "amount"::text as "amount", "invested_at" from "holdings" where "cpr_id" = ?`,
      [cprId],
    );
    return rows.map((row) => ({
      cprId,
      investmentId: row.investment_id,
      investorId: row.investor_id,
      amount: BigInt(row.amount),
      investedAt: new Date(row.invested_at),
    }));
  }
}
