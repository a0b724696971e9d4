import type { Em, OutboxWriter } from '@peerseed/shared';
import type { ContactsTransaction } from '../application/ports.js';
import { OutboxContactsEvents } from '../events/outbox-contacts-events.js';
import { MikroOrmContactRepository } from './mikro-orm-contact.repository.js';

/** The repositories and outbox of the transaction `em` belongs to. */
export function contactsTransaction(
  em: Em,
  outbox: OutboxWriter,
  afterCommit: (work: () => Promise<void>) => void,
): ContactsTransaction {
  return { contacts: new MikroOrmContactRepository(em), events: new OutboxContactsEvents(em, outbox), afterCommit };
}

/**
 * `afterCommit` for a transaction someone else commits (the kit's consumer, for the
 * worker): MikroORM gives each `transactional` fork its own event manager, so this
 * listener hears this transaction's commit only. Nothing runs if it rolls back.
 */
export function afterCommitOf(em: Em): (work: () => Promise<void>) => void {
  const pending: (() => Promise<void>)[] = [];
  em.getEventManager().registerSubscriber({
    afterTransactionCommit: async () => {
      for (const work of pending.splice(0)) await work();
    },
  });
  return (work) => void pending.push(work);
}
