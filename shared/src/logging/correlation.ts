import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/**
 * The id that ties together one request and everything it causes: it follows a request
 * through the gateway and the subgraphs (x-request-id), into the events it produces
 * (CloudEvents `correlationid`) and into every consumer that handles them.
 */
export function runWithCorrelation<T>(correlationId: string, work: () => T): T {
  return storage.run(correlationId, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}
