import type { Em } from '@peerseed/shared';
import type { CprProjectionRepository } from '../application/ports.js';
import type { Holding, ScheduledInstallment, WalletCpr } from '../domain/wallet-cpr.js';
import { CprEntity, HoldingEntity, InstallmentEntity } from './entities.js';

export class MikroOrmCprProjectionRepository implements CprProjectionRepository {
  constructor(private readonly em: Em) {}

  find(cprId: string): Promise<WalletCpr | null> {
    return this.em.findOne(CprEntity, { id: cprId });
  }

  async recordCancelled(cprId: string, issuerId: string, at: Date): Promise<void> {
    await this.em.execute(
      `insert into "cprs" ("id", "issuer_id", "status", "updated_at") values (?, ?, 'CANCELLED', ?)
        on conflict ("id") do nothing`,
      [cprId, issuerId, at],
    );
  }

  async addDisbursed(cpr: WalletCpr, holdings: Holding[], installments: ScheduledInstallment[]): Promise<void> {
    await this.em.insert(CprEntity, cpr);
    if (holdings.length > 0) await this.em.insertMany(HoldingEntity, holdings);
    if (installments.length > 0) await this.em.insertMany(InstallmentEntity, installments);
  }

  installment(cprId: string, number: number): Promise<ScheduledInstallment | null> {
    return this.em.findOne(InstallmentEntity, { cprId, number });
  }
}
