import { ContactsEvents, defineHandler, type Em } from '@peerseed/shared';
import type { PersistsRequestedContact } from '../application/persist-requested-contact.use-case.js';
import { abortableEm } from '../persistence/abortable-em.js';
import { afterCommitOf, contactsTransaction } from '../persistence/contacts-transaction.js';
import { withTimeLimit } from './task-time-limit.js';

export interface PersistContactHandlerDeps {
  persist: PersistsRequestedContact;
  /** The task's time limit (WORKER_TASK_TIMEOUT_MS). */
  timeLimitMs: number;
}

/**
 * The contacts worker's consumer of `contacts.contact.create-requested` (the seed's
 * Celery task reading SQS). The kit runs it as a durable consumer shared by every
 * worker process: JetStream hands each command to one of them, the inbox and the
 * primary key make a redelivery harmless, failures are retried with backoff and
 * dead-lettered after WORKER_MAX_DELIVERIES.
 */
export const persistContactOnCreateRequested = (deps: PersistContactHandlerDeps) =>
  defineHandler({
    name: 'persist-contact-on-create-requested',
    contract: ContactsEvents.ContactCreateRequested,
    async handle(event, { em, logger, outbox }) {
      const afterCommit = afterCommitOf(em as Em);
      await withTimeLimit(`persisting contact ${event.data.contactId}`, deps.timeLimitMs, async (signal) => {
        // The database enforces the limit too: a statement stuck on a lock or a slow disk is cancelled.
        await em.execute(`set local statement_timeout = ${Math.trunc(deps.timeLimitMs)}`);
        const tx = contactsTransaction(abortableEm(em as Em, signal), outbox, afterCommit);
        const contact = await deps.persist.execute(tx, event.data);
        if (!contact)
          logger.info(
            { contactId: event.data.contactId },
            'nothing to persist: already persisted, or deleted while pending',
          );
      });
    },
  });
