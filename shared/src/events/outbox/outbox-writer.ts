import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { currentCorrelationId } from '../../logging/correlation.js';
import type { EventContract, EventData } from '../contract.js';
import { createEnvelope } from '../envelope.js';
import { OutboxEventEntity } from './event-tables.js';

/**
 * Writes events into the outbox of the transaction `em` belongs to: they are stored
 * if and only if the state change commits, and published by the relay afterwards.
 */
export class OutboxWriter {
  constructor(private readonly source: string) {}

  async append<C extends EventContract>(
    em: SqlEntityManager,
    contract: C,
    subject: string,
    data: EventData<C>,
    options: { id?: string; correlationId?: string } = {},
  ): Promise<string> {
    // A producer bug surfaces here, in the producer's transaction, not in every consumer.
    const valid = contract.schema.parse(data);
    const envelope = createEnvelope(contract.type, subject, valid, {
      source: this.source,
      correlationId: options.correlationId ?? currentCorrelationId(),
      ...(options.id ? { id: options.id } : {}),
    });
    await em.insert(OutboxEventEntity, {
      id: envelope.id,
      stream: contract.stream,
      subject: contract.subject,
      envelope: JSON.stringify(envelope),
      createdAt: new Date(envelope.time),
      publishedAt: null,
      attempts: 0,
      lastError: null,
    });
    return envelope.id;
  }
}
