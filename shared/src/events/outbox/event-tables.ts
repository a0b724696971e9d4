import { EntitySchema } from '@mikro-orm/core';

/** An event committed with the state change that caused it, waiting to be published. */
export interface OutboxEventRecord {
  id: string;
  stream: string;
  subject: string;
  /** The CloudEvents envelope exactly as it will be published. */
  envelope: string;
  createdAt: Date;
  publishedAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** An event a consumer has handled: its effect committed in the same transaction. */
export interface InboxEventRecord {
  consumer: string;
  eventId: string;
  processedAt: Date;
}

/** An event a consumer gave up on, kept for operators to inspect and replay. */
export interface DeadLetterRecord {
  id: string;
  consumer: string;
  eventId: string | null;
  stream: string;
  subject: string;
  envelope: string;
  error: string;
  deliveries: number;
  createdAt: Date;
  replayedAt: Date | null;
}

export const OutboxEventEntity = new EntitySchema<OutboxEventRecord>({
  name: 'OutboxEvent',
  tableName: 'outbox_events',
  indexes: [{ name: 'outbox_events_pending_index', properties: ['publishedAt', 'createdAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    stream: { type: 'string', length: 32 },
    subject: { type: 'string', length: 200 },
    envelope: { type: 'text' },
    createdAt: { type: 'datetime', length: 3 },
    publishedAt: { type: 'datetime', length: 3, nullable: true },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
  },
});

export const InboxEventEntity = new EntitySchema<InboxEventRecord>({
  name: 'InboxEvent',
  tableName: 'inbox_events',
  properties: {
    consumer: { type: 'string', length: 120, primary: true },
    eventId: { type: 'string', length: 64, primary: true },
    processedAt: { type: 'datetime', length: 3 },
  },
});

export const DeadLetterEntity = new EntitySchema<DeadLetterRecord>({
  name: 'DeadLetter',
  tableName: 'dead_letters',
  properties: {
    id: { type: 'uuid', primary: true },
    consumer: { type: 'string', length: 120 },
    eventId: { type: 'string', length: 64, nullable: true },
    stream: { type: 'string', length: 32 },
    subject: { type: 'string', length: 200 },
    envelope: { type: 'text' },
    error: { type: 'text' },
    deliveries: { type: 'integer' },
    createdAt: { type: 'datetime', length: 3 },
    replayedAt: { type: 'datetime', length: 3, nullable: true },
  },
});

/** Every subgraph maps these tables (and creates them with `EventTablesMigration`). */
export const eventEntities = [OutboxEventEntity, InboxEventEntity, DeadLetterEntity];
