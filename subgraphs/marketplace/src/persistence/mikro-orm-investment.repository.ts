import { LockMode } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import type { InvestmentRepository } from '../application/ports.js';
import type { Investment } from '../domain/investment.js';
import { InvestmentEntity } from './entities.js';

export class MikroOrmInvestmentRepository implements InvestmentRepository {
  constructor(private readonly em: Em) {}

  findById(id: string): Promise<Investment | null> {
    return this.em.findOne(InvestmentEntity, { id });
  }

  findByIdForUpdate(id: string): Promise<Investment | null> {
    return this.em.findOne(InvestmentEntity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  }

  byInvestor(investorId: string): Promise<Investment[]> {
    return this.em.find(InvestmentEntity, { investorId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  byCpr(cprId: string, statuses: Investment['status'][]): Promise<Investment[]> {
    return this.em.find(
      InvestmentEntity,
      { cprId, status: { $in: statuses } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  async holds(investorId: string, cprId: string): Promise<boolean> {
    return (await this.em.count(InvestmentEntity, { investorId, cprId, status: 'CONFIRMED' })) > 0;
  }

  async lockInvestor(investorId: string): Promise<void> {
    // A transaction-scoped advisory lock (PostgreSQL and PGlite): released at commit or rollback.
    // Under READ COMMITTED the sum that follows then sees the investor's last committed invest.
    await this.em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`invest:${investorId}`]);
  }

  async investedSince(investorId: string, since: Date): Promise<bigint> {
    const rows = await this.em.execute<{ total: string | null }[]>(
      `select sum("amount") as "total" from "investments"
        where "investor_id" = ? and "created_at" >= ? and "status" in ('PENDING', 'CONFIRMED')`,
      [investorId, since],
    );
    return BigInt(rows[0]?.total ?? 0);
  }

  async add(investment: Investment): Promise<void> {
    await this.em.insert(InvestmentEntity, investment);
  }

  async save(investment: Investment): Promise<void> {
    const { id, ...changes } = investment;
    await this.em.nativeUpdate(InvestmentEntity, { id }, changes);
  }
}
