import type { Em, OutboxWriter } from '@peerseed/shared';
import type { NotificationsTransaction, UnitOfWork } from '../application/ports.js';
import { OutboxNotificationEvents } from '../events/outbox-notification-events.js';
import { runAfterCommit } from './after-commit.js';
import { MikroOrmEmailOutbox } from './mikro-orm-email-outbox.repository.js';
import { MikroOrmNotificationRepository } from './mikro-orm-notification.repository.js';

const repositories = (em: Em, outbox: OutboxWriter): NotificationsTransaction => ({
  notifications: new MikroOrmNotificationRepository(em),
  emails: new MikroOrmEmailOutbox(em),
  events: new OutboxNotificationEvents(em, outbox),
  afterCommit: (callback) => runAfterCommit(em, callback),
});

/** Transactions over a request's EntityManager fork. */
export class MikroOrmUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  run<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    return this.em.transactional((em) => work(repositories(em as Em, this.outbox)));
  }

  read<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    return work({
      ...repositories(this.em, this.outbox),
      afterCommit: () => {
        throw new Error('afterCommit needs a transaction: use run()');
      },
    });
  }
}

/**
 * The unit of work of an event handler: the consumer already opened the transaction
 * (it also records the event in the inbox) and commits it; `afterCommit` waits for that.
 */
export class HandlerUnitOfWork implements UnitOfWork {
  constructor(
    private readonly em: Em,
    private readonly outbox: OutboxWriter,
  ) {}

  run<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }

  read<T>(work: (tx: NotificationsTransaction) => Promise<T>): Promise<T> {
    return work(repositories(this.em, this.outbox));
  }
}
