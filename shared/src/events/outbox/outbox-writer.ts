import type { SqlEntityManager } from '@mikro-orm/postgresql';
import { currentCorrelationId } from '../../logging/correlation.js';
import type { EventContract, EventData } from '../contract.js';
import { createEnvelope } from '../envelope.js';
import { rememberAppended } from './appended-in-transaction.js';
import { DEFERRED } from '../../persistence/deferred-statements.js';

/**
 * Writes events into the outbox of the transaction `em` belongs to: they are stored
 * if and only if the state change commits, and published right after the commit (fast
 * path) or by the relay.
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
    const row = {
      id: envelope.id,
      stream: contract.stream,
      subject: contract.subject,
      envelope: JSON.stringify(envelope),
    };
    // Plain SQL: this runs in every producing transaction, and the ORM's insert path costs more than the insert.
    // In a transaction it rides with the next statement (often the COMMIT): no round trip of its own.
    await em.execute(
      `${DEFERRED} insert into "outbox_events" ("id", "stream", "subject", "envelope", "created_at") values (?, ?, ?, ?, ?)`,
      [row.id, row.stream, row.subject, row.envelope, new Date(envelope.time)],
    );
    // For the fast path (`OutboxFastPath`), which publishes it as soon as this transaction commits.
    rememberAppended(em, row);
    return envelope.id;
  }
}
