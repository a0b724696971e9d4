import DataLoader from 'dataloader';
import type { GetDistributions } from '../application/get-distributions.use-case.js';
import type { DistributionView } from '../application/ports.js';
import type { DistributionContext } from './distribution-context.js';

type Loaders = Pick<DistributionContext, 'distributions' | 'distributionsByCpr' | 'distributionsByPayment'>;

/** One request's batched lookups: whatever a page asks for, one query per kind of key. */
export function distributionLoaders(reads: GetDistributions): Loaders {
  const single = (
    load: (keys: readonly string[]) => Promise<DistributionView[]>,
    keyOf: (v: DistributionView) => string,
  ) =>
    new DataLoader<string, DistributionView | null>(async (keys) => {
      const found = new Map((await load(keys)).map((view) => [keyOf(view), view]));
      return keys.map((key) => found.get(key) ?? null);
    });
  return {
    distributions: single(
      (ids) => reads.byIds(ids),
      (v) => v.distribution.id,
    ),
    distributionsByPayment: single(
      (ids) => reads.byPaymentIds(ids),
      (v) => v.distribution.paymentId,
    ),
    distributionsByCpr: new DataLoader(async (cprIds: readonly string[]) => {
      const byCpr = new Map<string, DistributionView[]>();
      for (const view of await reads.byCprIds(cprIds)) {
        const list = byCpr.get(view.distribution.cprId) ?? [];
        list.push(view);
        byCpr.set(view.distribution.cprId, list);
      }
      return cprIds.map((id) => byCpr.get(id) ?? []);
    }),
  };
}
