import type { EventHandler } from '@peerseed/shared';
import type { Clock, ContactCache } from '../application/ports.js';
import { PersistRequestedContact } from '../application/persist-requested-contact.use-case.js';
import type { ContactsConfig } from '../config.js';
import { persistContactOnCreateRequested } from '../events/persist-contact-on-create-requested.consumer.js';

/** The worker's consumers, for a standalone worker and for the API running the worker in-process. */
export function contactsWorkerHandlers(deps: {
  config: ContactsConfig;
  cache: ContactCache;
  clock: Clock;
}): EventHandler<any>[] {
  const persist = new PersistRequestedContact({ clock: deps.clock, cache: deps.cache });
  return [persistContactOnCreateRequested({ persist, timeLimitMs: deps.config.WORKER_TASK_TIMEOUT_MS })];
}

/** The consumer settings of the worker's durable consumers. */
export const workerConsumerSettings = (config: ContactsConfig) => ({
  ackWaitMs: config.WORKER_ACK_WAIT_MS,
  concurrency: config.WORKER_CONCURRENCY,
  maxDeliveries: config.WORKER_MAX_DELIVERIES,
  // One task per transaction: each has its own time limit, and a batch of them could outlast the ack wait.
  batchSize: 1,
});
