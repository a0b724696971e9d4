import type { Em, OutboxWriter } from '@peerseed/shared';
import type { UnitOfWork, WalletTransaction } from '../application/ports.js';
import { OutboxWalletEvents } from '../events/outbox-wallet-events.js';
import { MikroOrmCprProjectionRepository } from './mikro-orm-cpr-projection.repository.js';
import { MikroOrmDepositRepository } from './mikro-orm-deposit.repository.js';
import { MikroOrmLedgerRepository } from './mikro-orm-ledger.repository.js';
import { MikroOrmPaymentRepository } from './mikro-orm-payment.repository.js';
import { MikroOrmReservationRepository } from './mikro-orm-reservation.repository.js';

/** What a unit of work needs besides its EntityManager. */
export interface UnitOfWorkDeps {
  outbox: OutboxWriter;
  /** Called after every commit: wakes the outbox relay so new events go out now. */
  afterCommit: () => void;
}

const repositories = (em: Em, outbox: OutboxWriter): WalletTransaction => ({
  ledger: new MikroOrmLedgerRepository(em),
  deposits: new MikroOrmDepositRepository(em),
  reservations: new MikroOrmReservationRepository(em),
  cprs: new MikroOrmCprProjectionRepository(em),
  payments: new MikroOrmPaymentRepository(em),
  events: new OutboxWalletEvents(em, outbox),
});

/** Transactions over a request's EntityManager fork; events commit in the same transaction. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly deps: UnitOfWorkDeps,
  ) {}

  async run<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
    const result = await this.em.transactional((em) => work(repositories(em as Em, this.deps.outbox)));
    this.deps.afterCommit();
    return result;
  }

  read<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
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

  run<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }

  read<T>(work: (tx: WalletTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }
}
