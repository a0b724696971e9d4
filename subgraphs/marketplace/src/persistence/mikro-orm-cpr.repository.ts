import { LockMode } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { CprPageQuery, CprRepository } from '../application/ports.js';
import type { Commodity, Cpr } from '../domain/cpr.js';
import type { CprStatus } from '../domain/cpr-status.js';
import type { Installment } from '../domain/installment-schedule.js';
import { CprEntity, InstallmentEntity, type CprRow } from './entities.js';

const toCpr = (row: CprRow): Cpr => ({ ...row, installments: [] });
const toRow = ({ installments: _i, ...row }: Cpr): CprRow => row;
const toInstallment = ({ cprId: _c, ...row }: Installment & { cprId: string }): Installment => row;

/** Filters of a listing, as a MikroORM query. */
function where(query: Omit<CprPageQuery, 'after' | 'limit'>) {
  const conditions: object[] = [];
  if (query.status) conditions.push({ status: query.status });
  if (query.commodity) conditions.push({ commodity: query.commodity });
  if (query.visibility.kind !== 'all') {
    conditions.push({ $or: [{ status: 'OPEN' }, { issuerId: query.visibility.issuerId }] });
  }
  return conditions.length > 0 ? { $and: conditions } : {};
}

export class MikroOrmCprRepository implements CprRepository {
  constructor(private readonly em: Em) {}

  async findById(id: string): Promise<Cpr | null> {
    const row = await this.em.findOne(CprEntity, { id });
    return row ? toCpr(row) : null;
  }

  async findByIdForUpdate(id: string): Promise<Cpr | null> {
    const row = await this.em.findOne(CprEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    return row ? toCpr(row) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Cpr[]> {
    return (await this.em.find(CprEntity, { id: { $in: [...ids] } })).map(toCpr);
  }

  async page(query: CprPageQuery): Promise<Cpr[]> {
    const after = query.after
      ? {
          $or: [
            { createdAt: { $lt: query.after.createdAt } },
            { createdAt: query.after.createdAt, id: { $lt: query.after.id } },
          ],
        }
      : {};
    const rows = await this.em.find(
      CprEntity,
      { $and: [where(query), after] },
      { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: query.limit },
    );
    return rows.map(toCpr);
  }

  count(query: Omit<CprPageQuery, 'after' | 'limit'>): Promise<number> {
    return this.em.count(CprEntity, where(query));
  }

  async add(cpr: Cpr): Promise<void> {
    await this.em.insert(CprEntity, toRow(cpr));
  }

  async save(cpr: Cpr): Promise<void> {
    const { id, ...changes } = toRow(cpr);
    await this.em.nativeUpdate(CprEntity, { id }, changes);
  }

  async saveSchedule(cprId: string, installments: Installment[]): Promise<void> {
    await this.em.insertMany(
      InstallmentEntity,
      installments.map((i) => ({ ...i, cprId })),
    );
  }

  async installmentsOf(cprIds: readonly string[]): Promise<Map<string, Installment[]>> {
    const rows = await this.em.find(
      InstallmentEntity,
      { cprId: { $in: [...cprIds] } },
      { orderBy: { cprId: 'asc', number: 'asc' } },
    );
    const byCpr = new Map<string, Installment[]>(cprIds.map((id) => [id, []]));
    for (const row of rows) byCpr.get(row.cprId)?.push(toInstallment(row));
    return byCpr;
  }

  async saveInstallment(cprId: string, installment: Installment): Promise<void> {
    await this.em.nativeUpdate(
      InstallmentEntity,
      { cprId, number: installment.number },
      { status: installment.status, paidAt: installment.paidAt },
    );
  }

  async dueForClosing(now: Date, limit: number): Promise<Cpr[]> {
    const rows = await this.em.find(
      CprEntity,
      { status: 'OPEN', fundingDeadline: { $lte: now } },
      // PARTIAL_WRITE is FOR UPDATE SKIP LOCKED: each replica's scheduler takes different rows.
      { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, limit, orderBy: { fundingDeadline: 'asc' } },
    );
    return rows.map(toCpr);
  }

  async dueInstallments(now: Date, limit: number): Promise<{ cpr: Cpr; installment: Installment }[]> {
    const rows = await this.em.execute<{ cpr_id: string; number: number }[]>(
      `select i."cpr_id", i."number" from "installments" i join "cprs" c on c."id" = i."cpr_id"
        where i."status" = 'PENDING' and i."due_date" <= ? and c."status" = 'ACTIVE'
        order by i."due_date" limit ? for update of i skip locked`,
      [now, limit],
    );
    if (rows.length === 0) return [];
    const cprs = new Map((await this.findByIds([...new Set(rows.map((r) => r.cpr_id))])).map((c) => [c.id, c]));
    const schedules = await this.installmentsOf([...cprs.keys()]);
    return rows.map((r) => ({
      cpr: cprs.get(r.cpr_id)!,
      installment: schedules.get(r.cpr_id)!.find((i) => i.number === r.number)!,
    }));
  }

  async stats(): Promise<{ commodity: Commodity; status: CprStatus; count: number; raised: bigint }[]> {
    const rows = await this.em.execute<{ commodity: Commodity; status: CprStatus; count: string; raised: string }[]>(
      `select "commodity", "status", count(*) as "count", coalesce(sum("funded_amount"), 0) as "raised"
         from "cprs" group by "commodity", "status" order by "commodity", "status"`,
    );
    return rows.map((r) => ({
      commodity: r.commodity,
      status: r.status,
      count: Number(r.count),
      raised: BigInt(r.raised),
    }));
  }
}
