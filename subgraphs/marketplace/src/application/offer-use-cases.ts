import { ForbiddenError, NotFoundError, requireRole, Role, type Identity } from '@peerseed/shared/domain';
import { cprCode } from '../domain/cpr-code.js';
import {
  assertNothingPending,
  assertValidTerms,
  transition,
  type Commodity,
  type CommodityUnit,
  type Cpr,
  type OfferRules,
} from '../domain/cpr.js';
import { priceSchedule } from '../domain/installment-schedule.js';
import type { Clock, IdGenerator, MarketplaceTransaction, UnitOfWork } from './ports.js';

export interface NewOffer {
  title: string;
  commodity: Commodity;
  quantity: bigint;
  unit: CommodityUnit;
  targetAmount: bigint;
  minimumAmount: bigint;
  annualRateBps: number;
  fundingDeadline: Date;
  maturityDate: Date;
  installmentCount: number;
}

export interface OfferDeps {
  uow: UnitOfWork;
  clock: Clock;
  ids: IdGenerator;
  rules: OfferRules;
}

async function load(tx: MarketplaceTransaction, id: string): Promise<Cpr> {
  const cpr = await tx.cprs.findByIdForUpdate(id);
  if (!cpr) throw new NotFoundError(`No CPR ${id}`);
  return cpr;
}

/** The offer's life from DRAFT to ACTIVE (design.md flows 2 and 4). */
export class OfferUseCases {
  constructor(private readonly deps: OfferDeps) {}

  /** PRODUCER: a new offer, DRAFT. */
  async create(caller: Identity | null, offer: NewOffer): Promise<Cpr> {
    const producer = requireRole(caller, Role.PRODUCER);
    const now = this.deps.clock.now();
    assertValidTerms(offer, now, this.deps.rules);
    const id = this.deps.ids.newId();
    const cpr: Cpr = {
      ...offer,
      title: offer.title.trim(),
      id,
      code: cprCode(offer.commodity, id, now),
      issuerId: producer.userId,
      fundedAmount: 0n,
      pendingAmount: 0n,
      status: 'DRAFT',
      createdAt: now,
      openedAt: null,
      disbursedAt: null,
      installments: [],
    };
    await this.deps.uow.run((tx) => tx.cprs.add(cpr));
    return cpr;
  }

  /** The issuer: DRAFT → UNDER_REVIEW. */
  submit(caller: Identity | null, id: string): Promise<Cpr> {
    const producer = requireRole(caller, Role.PRODUCER);
    return this.deps.uow.run(async (tx) => {
      const cpr = await load(tx, id);
      if (cpr.issuerId !== producer.userId) throw new NotFoundError(`No CPR ${id}`);
      transition(cpr, 'UNDER_REVIEW', 'submit it for review');
      await tx.cprs.save(cpr);
      return cpr;
    });
  }

  /** ADMIN: UNDER_REVIEW → OPEN; the terms are checked again against today. */
  approve(caller: Identity | null, id: string): Promise<Cpr> {
    requireRole(caller, Role.ADMIN);
    return this.deps.uow.run(async (tx) => {
      const cpr = await load(tx, id);
      transition(cpr, 'OPEN', 'approve it');
      const now = this.deps.clock.now();
      assertValidTerms(cpr, now, this.deps.rules);
      cpr.openedAt = now;
      await tx.cprs.save(cpr);
      await tx.events.cprOpened(cpr);
      return cpr;
    });
  }

  /** ADMIN: FUNDED → ACTIVE; fixes the schedule; the wallet moves escrow to the issuer. */
  disburse(caller: Identity | null, id: string): Promise<Cpr> {
    requireRole(caller, Role.ADMIN);
    return this.deps.uow.run(async (tx) => {
      const cpr = await load(tx, id);
      transition(cpr, 'ACTIVE', 'disburse it');
      // Upgrade only: a FUNDED close cancels what is pending, so a CPR closed since holds
      // nothing pending here. One closed by the code from before that fix may still, until the
      // wallet's answers cancel or reject those investments (InvestmentUseCases.confirm).
      assertNothingPending(cpr, 'disburse it');
      const now = this.deps.clock.now();
      if (cpr.maturityDate.getTime() <= now.getTime())
        throw new ForbiddenError('The CPR has matured; it cannot be disbursed');
      cpr.disbursedAt = now;
      cpr.installments = priceSchedule(
        cpr.fundedAmount,
        cpr.annualRateBps,
        cpr.installmentCount,
        now,
        cpr.maturityDate,
      );
      await tx.cprs.save(cpr);
      await tx.cprs.saveSchedule(cpr.id, cpr.installments);
      await tx.events.cprDisbursed(cpr, await tx.investments.byCpr(cpr.id, ['CONFIRMED']));
      return cpr;
    });
  }
}
