import type { Em, OutboxWriter } from '@peerseed/shared';
import type { ContactsTransaction, UnitOfWork } from '../application/ports.js';
import { contactsTransaction } from './contacts-transaction.js';

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

  async run<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T> {
    const committed: (() => Promise<void>)[] = [];
    const result = await this.em.transactional((em) =>
      work(contactsTransaction(em as Em, this.deps.outbox, (w) => void committed.push(w))),
    );
    this.deps.afterCommit();
    for (const w of committed) await w();
    return result;
  }

  read<T>(work: (tx: ContactsTransaction) => Promise<T>): Promise<T> {
    return work(
      contactsTransaction(this.em, this.deps.outbox, () => {
        throw new Error('afterCommit needs a transaction (use run)');
      }),
    );
  }
}
