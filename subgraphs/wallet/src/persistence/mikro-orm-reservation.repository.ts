import { LockMode } from '@mikro-orm/core';
import type { Em } from '@peerseed/shared';
import { ConflictError } from '@peerseed/shared/domain';
import type { ReservationClaim, ReservationRepository } from '../application/ports.js';
import type { Reservation, ReservationStatus } from '../domain/reservation.js';
import { ReservationEntity } from './entities.js';

export class MikroOrmReservationRepository implements ReservationRepository {
  constructor(private readonly em: Em) {}

  findForUpdate(investmentId: string): Promise<Reservation | null> {
    return this.em.findOne(
      ReservationEntity,
      { investmentId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
  }

  async claim(reservation: Reservation): Promise<ReservationClaim> {
    // "on conflict do nothing" rather than catching the violation: that would abort the whole transaction.
    const rows = await this.em.execute<{ investment_id: string }[]>(
      `insert into "reservations" ("investment_id", "cpr_id", "investor_id", "amount", "status", "created_at", "updated_at")
        values (?, ?, ?, ?, ?, ?, ?) on conflict ("investment_id") do nothing returning "investment_id"`,
      [
        reservation.investmentId,
        reservation.cprId,
        reservation.investorId,
        reservation.amount.toString(),
        reservation.status,
        reservation.createdAt,
        reservation.updatedAt,
      ],
    );
    if (rows.length > 0) return { added: true };
    // The insert waited for the row's transaction to commit, so the row is there to lock.
    const existing = await this.findForUpdate(reservation.investmentId);
    if (!existing) throw new ConflictError(`Reservation of ${reservation.investmentId} vanished; retry`);
    return { added: false, existing };
  }

  async setStatus(investmentIds: readonly string[], status: ReservationStatus, at: Date): Promise<void> {
    if (investmentIds.length === 0) return;
    await this.em.nativeUpdate(
      ReservationEntity,
      { investmentId: { $in: [...investmentIds] } },
      { status, updatedAt: at },
    );
  }

  reservedForCprForUpdate(cprId: string): Promise<Reservation[]> {
    return this.em.find(
      ReservationEntity,
      { cprId, status: 'RESERVED' },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { investmentId: 'asc' } },
    );
  }
}
