import type { Em, OutboxWriter } from '@peerseed/shared';
import type { MarketplaceTransaction, UnitOfWork } from '../application/ports.js';
import { OutboxMarketplaceEvents } from '../events/outbox-marketplace-events.js';
import { MikroOrmCprRepository } from './mikro-orm-cpr.repository.js';
import { MikroOrmInvestmentRepository } from './mikro-orm-investment.repository.js';

export interface UnitOfWorkDeps {
  outbox: OutboxWriter;
  /** Called after every commit: wakes the outbox relay so new events go out now. */
  afterCommit: () => void;
}

/** Transactions over a request's (or an event's) EntityManager; events commit with the change. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly deps: UnitOfWorkDeps,
    /** True when `em` already is an event handler's transaction (inbox + effect). */
    private readonly inTransaction = false,
  ) {}

  async run<T>(work: (tx: MarketplaceTransaction) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this.repositories(this.em));
    const result = await this.em.transactional((em) => work(this.repositories(em as Em)));
    this.deps.afterCommit();
    return result;
  }

  read<T>(work: (tx: MarketplaceTransaction) => Promise<T>): Promise<T> {
    return work(this.repositories(this.em));
  }

  private repositories(em: Em): MarketplaceTransaction {
    return {
      cprs: new MikroOrmCprRepository(em),
      investments: new MikroOrmInvestmentRepository(em),
      events: new OutboxMarketplaceEvents(em, this.deps.outbox),
    };
  }
}
