import type { Em } from '@peerseed/shared';
import type { AccountsTransaction, UnitOfWork } from '../application/ports.js';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token.repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user.repository.js';

const repositories = (em: Em): AccountsTransaction => ({
  users: new MikroOrmUserRepository(em),
  refreshTokens: new MikroOrmRefreshTokenRepository(em),
});

/** Transactions over a request's EntityManager fork. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(private readonly em: Em) {}

  run<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    return this.em.transactional((em) => work(repositories(em as Em)));
  }

  read<T>(work: (tx: AccountsTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em));
  }
}
