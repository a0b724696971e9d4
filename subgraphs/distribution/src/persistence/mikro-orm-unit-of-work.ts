import type { Em, OutboxWriter } from '@peerseed/shared';
import type { DistributionTransaction, UnitOfWork } from '../application/ports.js';
import { OutboxDistributionEvents } from '../events/outbox-distribution-events.js';
import { MikroOrmDistributionRepository } from './mikro-orm-distribution.repository.js';
import { MikroOrmHoldingsProjection } from './mikro-orm-holdings-projection.repository.js';

/** What a unit of work needs besides its EntityManager. */
export interface UnitOfWorkDeps {
  outbox: OutboxWriter;
  /** Called after every commit: wakes the outbox relay so new events go out now. */
  afterCommit: () => void;
}

const repositories = (em: Em, outbox: OutboxWriter): DistributionTransaction => ({
  cprs: new MikroOrmHoldingsProjection(em),
  distributions: new MikroOrmDistributionRepository(em),
  events: new OutboxDistributionEvents(em, outbox),
});

/** Transactions over a request's EntityManager fork; events commit in the same transaction. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly deps: UnitOfWorkDeps,
  ) {}

  async run<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    const result = await this.em.transactional((em) => work(repositories(em as Em, this.deps.outbox)));
    this.deps.afterCommit();
    return result;
  }

  read<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.deps.outbox));
  }
}

/**
 * The unit of work of an event handler: the consumer already opened the transaction
 * (it also records the event in the inbox), commits it and wakes the relay.
 */
export class HandlerUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  run<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }

  read<T>(work: (tx: DistributionTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }
}
