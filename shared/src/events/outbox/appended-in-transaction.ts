import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { StreamName } from '../contract.js';

/** An outbox row as it is published: by the relay, or by the fast path right after its commit. */
export interface OutboxRow {
  id: string;
  stream: StreamName;
  subject: string;
  envelope: string;
}

/** Rows written in each open top-level transaction, keyed by its transaction object (weakly: a rollback leaves nothing behind). */
const appended = new WeakMap<object, OutboxRow[]>();

/**
 * Remembers a row written in `em`'s transaction so it can be published as soon as that
 * transaction commits. Rows written outside a transaction or inside a nested one (a
 * savepoint, which may still be rolled back on its own) are left to the relay.
 */
export function rememberAppended(em: SqlEntityManager, row: OutboxRow): void {
  const transaction = em.getTransactionContext<object>();
  if (!transaction || 'savepointName' in transaction) return;
  const rows = appended.get(transaction);
  if (rows) rows.push(row);
  else appended.set(transaction, [row]);
}

/** The rows a committed top-level transaction wrote, in the order they were written (once: they are forgotten). */
export function takeAppended(transaction: object | undefined): OutboxRow[] {
  if (!transaction || 'savepointName' in transaction) return [];
  const rows = appended.get(transaction) ?? [];
  appended.delete(transaction);
  return rows;
}
