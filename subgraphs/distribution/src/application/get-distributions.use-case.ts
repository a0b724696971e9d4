import type { Identity } from '@peerseed/shared/domain';
import { lineScopeFor, visibleLines, type LineScope } from '../domain/line-visibility.js';
import type { DistributionTransaction, DistributionView, UnitOfWork } from './ports.js';

/**
 * Distributions as one viewer may read them: anyone signed in sees a distribution's
 * totals; its lines follow line-visibility (ADMIN and the issuer all, an investor their
 * own). Anonymous viewers get nothing. Each method is one query, for any number of keys.
 */
export class GetDistributions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly viewer: Identity | null,
  ) {}

  byIds(ids: readonly string[]): Promise<DistributionView[]> {
    return this.read((tx, scope) => tx.distributions.byIds(ids, scope));
  }

  byCprIds(cprIds: readonly string[]): Promise<DistributionView[]> {
    return this.read((tx, scope) => tx.distributions.byCprIds(cprIds, scope));
  }

  byPaymentIds(paymentIds: readonly string[]): Promise<DistributionView[]> {
    return this.read((tx, scope) => tx.distributions.byPaymentIds(paymentIds, scope));
  }

  private async read(
    query: (tx: DistributionTransaction, scope: LineScope) => Promise<DistributionView[]>,
  ): Promise<DistributionView[]> {
    const scope = lineScopeFor(this.viewer);
    if (scope.kind === 'none') return [];
    const views = await this.uow.read((tx) => query(tx, scope));
    // The repository read only the scope's lines; the rule is applied once more here, where it is tested.
    return views.map((view) => ({
      ...view,
      distribution: {
        ...view.distribution,
        lines: visibleLines(view.distribution.lines, view.issuerId, this.viewer),
      },
    }));
  }
}
