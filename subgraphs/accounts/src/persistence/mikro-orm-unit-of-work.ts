import type { Em, OutboxWriter } from '@peerseed/shared';
import { OutboxAccountsEvents } from '../events/outbox-accounts-events.js';
import type { AccountsTransaction, UnitOfWork } from '../application/ports.js';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token.repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user.repository.js';

/** What a unit of work needs besides its EntityManager. */
export interface UnitOfWorkDeps {
  outbox: OutboxWriter;
  /** Called after every commit: wakes the outbox relay so new events go out now. */
  afterCommit: () => void;
}

/** Transactions over a request's EntityManager fork; events commit in the same transaction. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly deps: UnitOfWorkDeps,
  ) {}

  async run<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    const result = await this.em.transactional((em) => work(this.repositories(em as Em)));
    this.deps.afterCommit();
    return result;
  }

  read<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    return work(this.repositories(this.em));
  }

  private repositories(em: Em): AccountsTransaction {
    return {
      users: new MikroOrmUserRepository(em),
      refreshTokens: new MikroOrmRefreshTokenRepository(em),
      events: new OutboxAccountsEvents(em, this.deps.outbox),
    };
  }
}
