import { NotFoundError, requireIdentity, requireRole, Role, type Identity } from '@peerseed/shared/domain';
import type { Commodity, Cpr } from '../domain/cpr.js';
import type { CprStatus } from '../domain/cpr-status.js';
import type { Investment } from '../domain/investment.js';
import type { CprVisibility, UnitOfWork } from './ports.js';

/** Everyone authenticated sees OPEN offers and their own; ADMINs and ANALYSTs see all. */
export function visibilityFor(identity: Identity): CprVisibility {
  return identity.role === Role.ADMIN || identity.role === Role.ANALYST
    ? { kind: 'all' }
    : { kind: 'open-or-issued-by', issuerId: identity.userId };
}

export const canSee = (identity: Identity, cpr: Cpr) =>
  visibilityFor(identity).kind === 'all' || cpr.status === 'OPEN' || cpr.issuerId === identity.userId;

export interface CprPage {
  items: Cpr[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Read side of the marketplace. */
export class QueryUseCases {
  constructor(private readonly uow: UnitOfWork) {}

  page(
    caller: Identity | null,
    filter: { status?: CprStatus | undefined; commodity?: Commodity | undefined },
    first: number,
    after: { createdAt: Date; id: string } | undefined,
  ): Promise<CprPage> {
    const identity = requireIdentity(caller);
    const visibility = visibilityFor(identity);
    return this.uow.read(async (tx) => {
      const [rows, totalCount] = await Promise.all([
        tx.cprs.page({ ...filter, visibility, after, limit: first + 1 }),
        tx.cprs.count({ ...filter, visibility }),
      ]);
      return { items: rows.slice(0, first), hasNextPage: rows.length > first, totalCount };
    });
  }

  /** A CPR the caller may see (`canSee`), or one the caller holds part of, whatever its status. */
  cpr(caller: Identity | null, id: string): Promise<Cpr | null> {
    const identity = requireIdentity(caller);
    return this.uow.read(async (tx) => {
      const cpr = await tx.cprs.findById(id);
      if (!cpr) return null;
      if (canSee(identity, cpr)) return cpr;
      // A holder follows the CPR it invested in after the offer closes: status, schedule, payments.
      return (await tx.investments.holds(identity.userId, cpr.id)) ? cpr : null;
    });
  }

  myInvestments(caller: Identity | null): Promise<Investment[]> {
    const identity = requireIdentity(caller);
    return this.uow.read((tx) => tx.investments.byInvestor(identity.userId));
  }

  async investment(caller: Identity | null, id: string): Promise<Investment> {
    const identity = requireIdentity(caller);
    const investment = await this.uow.read((tx) => tx.investments.findById(id));
    if (!investment || (investment.investorId !== identity.userId && identity.role !== Role.ADMIN)) {
      throw new NotFoundError(`No investment ${id}`);
    }
    return investment;
  }

  /** ANALYST/ADMIN: aggregates without personal data. */
  stats(caller: Identity | null) {
    requireRole(caller, Role.ANALYST, Role.ADMIN);
    return this.uow.read((tx) => tx.cprs.stats());
  }
}
