import { ValidationError } from '@peerseed/shared/domain';
import type { StatementPosition } from './ports.js';
import { isUuid } from './ids.js';

/**
 * Statement cursors: the (createdAt, transaction id) of a line, opaque to clients. Ledger
 * rows never change, so a cursor stays valid and pages never shift under a client.
 */
export function encodeStatementCursor(position: StatementPosition): string {
  return Buffer.from(`${position.createdAt.toISOString()}|${position.transactionId}`).toString('base64url');
}

export function decodeStatementCursor(cursor: string): StatementPosition {
  const [time = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(time);
  if (!isUuid(id) || Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time) {
    throw new ValidationError('after must be a cursor returned by myStatement', 'after');
  }
  return { createdAt, transactionId: id };
}
