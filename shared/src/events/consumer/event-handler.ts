import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { EventContract, EventData } from '../contract.js';
import type { OutboxWriter } from '../outbox/outbox-writer.js';

/** A consumed event, its payload validated against its contract. */
export interface ConsumedEvent<T> {
  id: string;
  /** The aggregate id. */
  subject: string;
  time: string;
  correlationId: string | undefined;
  data: T;
}

export interface HandlerContext {
  /** The transaction the effect commits in, together with the inbox record. */
  em: SqlEntityManager;
  logger: Logger;
  /** Events the effect causes go to the same transaction's outbox (correlation id kept). */
  outbox: OutboxWriter;
}

/**
 * One reaction to one event contract (`<action>-on-<event>`). Its effect and the
 * inbox record commit together, so a redelivered event has no second effect.
 */
export interface EventHandler<C extends EventContract = EventContract> {
  /** Unique within the service; part of the durable consumer's name. */
  name: string;
  contract: C;
  handle(event: ConsumedEvent<EventData<C>>, context: HandlerContext): Promise<void>;
}

/**
 * Thrown by a handler when the event came before another it depends on (events of different
 * streams are not ordered: a payment can reach a service before the disbursement it pays).
 * Waiting is the cure, so the consumer retries it for longer than an ordinary failure
 * (`maxEarlyDeliveries`) before it goes to the dead letters.
 */
export class EventArrivedEarlyError extends Error {
  override readonly name: string = 'EventArrivedEarlyError';
}

/** Keeps the contract's payload type attached when handlers are listed together. */
export const defineHandler = <C extends EventContract>(handler: EventHandler<C>): EventHandler<C> => handler;
