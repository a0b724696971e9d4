import type { DistributionTransaction, DistributionView, UnitOfWork } from '../../src/application/ports.js';
import type { Distribution } from '../../src/domain/distribution.js';
import type { DisbursedCpr, Holding } from '../../src/domain/holding.js';
import type { LineScope } from '../../src/domain/line-visibility.js';

interface State {
  cprs: Map<string, DisbursedCpr>;
  holdings: Holding[];
  distributions: Map<string, Distribution>;
  events: Distribution[];
}

const copy = (s: State): State => ({
  cprs: new Map(s.cprs),
  holdings: [...s.holdings],
  distributions: new Map(s.distributions),
  events: [...s.events],
});

/** The ports in memory: a unit of work commits all of its changes or, when it throws, none. */
export class InMemoryDistribution implements UnitOfWork {
  state: State = { cprs: new Map(), holdings: [], distributions: new Map(), events: [] };
  /** Reads made through the repositories (a read for an anonymous viewer should make none). */
  reads = 0;

  async run<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    const draft = copy(this.state);
    const result = await work(this.transaction(draft));
    this.state = draft;
    return result;
  }

  read<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    return work(this.transaction(this.state));
  }

  private transaction(s: State): DistributionTransaction {
    const views = (match: (d: Distribution) => boolean, scope: LineScope): DistributionView[] => {
      this.reads++;
      return [...s.distributions.values()].filter(match).map((d) => {
        const issuerId = s.cprs.get(d.cprId)!.issuerId;
        const all = scope.kind === 'every-line' || (scope.kind === 'issuer-or-own' && scope.viewerId === issuerId);
        const own = scope.kind === 'issuer-or-own' ? scope.viewerId : null;
        return { issuerId, distribution: { ...d, lines: d.lines.filter((l) => all || l.investorId === own) } };
      });
    };
    return {
      cprs: {
        recordDisbursed: async (cpr, holdings) => {
          if (s.cprs.has(cpr.id)) return false;
          s.cprs.set(cpr.id, cpr);
          s.holdings.push(...holdings);
          return true;
        },
        find: async (cprId) => s.cprs.get(cprId) ?? null,
        holdingsOf: async (cprId) => s.holdings.filter((h) => h.cprId === cprId),
      },
      distributions: {
        add: async (d) => {
          if ([...s.distributions.values()].some((other) => other.paymentId === d.paymentId)) return 'exists';
          s.distributions.set(d.id, d);
          return 'added';
        },
        existsForPayment: async (paymentId) => [...s.distributions.values()].some((d) => d.paymentId === paymentId),
        byIds: async (ids, scope) => views((d) => ids.includes(d.id), scope),
        byCprIds: async (ids, scope) => views((d) => ids.includes(d.cprId), scope),
        byPaymentIds: async (ids, scope) => views((d) => ids.includes(d.paymentId), scope),
      },
      events: {
        completed: async (d) => void s.events.push(d),
      },
    };
  }
}
