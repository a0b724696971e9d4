import { NotFoundError, requireRole, Role, type Identity } from '@peerseed/shared/domain';
import { transition } from '../domain/cpr.js';
import {
  assertCanInvest,
  assertCanWithdraw,
  cancelInvestment,
  type Investment,
  type InvestmentRules,
} from '../domain/investment.js';
import type { Cpr } from '../domain/cpr.js';
import type { Clock, IdGenerator, MarketplaceTransaction, UnitOfWork } from './ports.js';

export interface InvestmentDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  rules: InvestmentRules;
}

/** Start of the calendar year in Brasília time (UTC−3), which the annual limit counts from. */
const yearStart = (now: Date) => new Date(Date.UTC(new Date(now.getTime() - 3 * 3_600_000).getUTCFullYear(), 0, 1, 3));

/** The invest saga (design.md flow 3): request, confirmation or rejection by the wallet, withdrawal. */
export class InvestmentUseCases {
  constructor(private readonly deps: InvestmentDeps) {}

  /**
   * INVESTOR: a PENDING investment that holds its share of the offer until the wallet
   * answers. The CPR row is locked, so concurrent invests never promise more than the target;
   * the investor is locked too, so concurrent invests in different CPRs never pass the annual limit.
   */
  invest(caller: Identity | null, cprId: string, amount: bigint): Promise<Investment> {
    const investor = requireRole(caller, Role.INVESTOR);
    return this.deps.uow.run(async (tx) => {
      // The investor first: that lock is rarely contended, and taking it while holding the
      // CPR row would make everyone investing in this CPR wait for this investor's other invest.
      await tx.investments.lockInvestor(investor.userId);
      const cpr = await tx.cprs.findByIdForUpdate(cprId);
      if (!cpr) throw new NotFoundError(`No CPR ${cprId}`);
      const now = this.deps.clock.now();
      const invested = await tx.investments.investedSince(investor.userId, yearStart(now));
      assertCanInvest(cpr, amount, invested, this.deps.rules, now);
      const investment: Investment = {
        id: this.deps.ids.newId(),
        cprId,
        investorId: investor.userId,
        amount,
        status: 'PENDING',
        rejectionReason: null,
        createdAt: now,
        updatedAt: now,
      };
      cpr.pendingAmount += amount;
      await tx.cprs.save(cpr);
      await tx.investments.add(investment);
      await tx.events.investmentRequested(investment);
      return investment;
    });
  }

  /** The wallet reserved the funds: CONFIRMED, and FUNDED when the target is reached. */
  confirm(investmentId: string): Promise<void> {
    return this.settle(investmentId, async (investment, cpr, tx, now) => {
      // Upgrade only: a CPR closed FUNDED by the code from before a FUNDED close cancelled
      // pending investments may still hold this one PENDING. It has no share to take: CANCELLED,
      // and the wallet releases the escrow it just reserved. A CPR closed since never gets here:
      // its close cancelled what was pending, and settle leaves a cancelled investment alone.
      if (cpr.status !== 'OPEN') {
        cancelInvestment(investment, cpr, now);
        await tx.events.investmentCancelled(investment, 'OFFER_CLOSED');
        return;
      }
      investment.status = 'CONFIRMED';
      cpr.pendingAmount -= investment.amount;
      cpr.fundedAmount += investment.amount;
      await tx.events.investmentConfirmed(investment);
      if (cpr.fundedAmount === cpr.targetAmount) {
        transition(cpr, 'FUNDED', 'fund it');
        await tx.events.cprFunded(cpr);
      }
    });
  }

  /** The wallet could not reserve the funds: REJECTED with the reason; the share is freed. */
  reject(investmentId: string, reason: string): Promise<void> {
    return this.settle(investmentId, async (investment, cpr, tx) => {
      investment.status = 'REJECTED';
      investment.rejectionReason = reason;
      cpr.pendingAmount -= investment.amount;
      await tx.events.investmentRejected(investment);
    });
  }

  /** Right of withdrawal (CVM 88): within 5 days, while OPEN; the wallet releases the escrow. */
  cancel(caller: Identity | null, investmentId: string): Promise<Investment> {
    const investor = requireRole(caller, Role.INVESTOR);
    return this.deps.uow.run(async (tx) => {
      const found = await tx.investments.findById(investmentId);
      if (!found || found.investorId !== investor.userId) throw new NotFoundError(`No investment ${investmentId}`);
      const cpr = (await tx.cprs.findByIdForUpdate(found.cprId))!;
      const investment = (await tx.investments.findByIdForUpdate(investmentId))!;
      const now = this.deps.clock.now();
      assertCanWithdraw(investment, cpr, investor.userId, this.deps.rules, now);
      cancelInvestment(investment, cpr, now);
      await tx.cprs.save(cpr);
      await tx.investments.save(investment);
      await tx.events.investmentCancelled(investment, 'WITHDRAWN');
      return investment;
    });
  }

  /**
   * Applies the wallet's answer once: an investment no longer PENDING (withdrawn meanwhile, or a
   * redelivery) is left alone; `apply` moves it out of PENDING at `now`.
   */
  private settle(
    investmentId: string,
    apply: (investment: Investment, cpr: Cpr, tx: MarketplaceTransaction, now: Date) => Promise<void>,
  ): Promise<void> {
    return this.deps.uow.run(async (tx) => {
      const known = await tx.investments.findById(investmentId);
      if (!known) return;
      const cpr = (await tx.cprs.findByIdForUpdate(known.cprId))!;
      const investment = (await tx.investments.findByIdForUpdate(investmentId))!;
      if (investment.status !== 'PENDING') return;
      const now = this.deps.clock.now();
      await apply(investment, cpr, tx, now);
      investment.updatedAt = now;
      await tx.investments.save(investment);
      await tx.cprs.save(cpr);
    });
  }
}
