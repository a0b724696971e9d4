import type { Em, OutboxWriter } from '@peerseed/shared';
import type { Clock, IdGenerator } from '../application/ports.js';
import type { EventUseCaseDeps } from '../application/reserve-funds.use-case.js';
import { HandlerUnitOfWork } from '../persistence/mikro-orm-unit-of-work.js';

/** What the wallet's event handlers share (the app wires them). */
export interface HandlerDeps {
  ids: IdGenerator;
  clock: Clock;
  originationFeeBps: number;
}

/** A use case's dependencies inside the consumer's transaction (effect + inbox commit together). */
export const inHandlerTransaction = (deps: HandlerDeps, em: Em, outbox: OutboxWriter): EventUseCaseDeps => ({
  uow: new HandlerUnitOfWork(em, outbox),
  ids: deps.ids,
  clock: deps.clock,
});
