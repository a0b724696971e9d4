import { GraphQLError } from 'graphql';

/**
 * A `PaymentEvent.cursor` is the event's position in the WALLET stream, opaque to
 * clients (base64url of `wallet:<sequence>`) so its encoding may change without
 * breaking them; the prefix names the stream so a cursor of another source is refused.
 */
const PREFIX = 'wallet:';

export const encodeCursor = (sequence: number): string => Buffer.from(`${PREFIX}${sequence}`).toString('base64url');

/** The stream sequence a cursor names; a malformed one is the caller's mistake (BAD_USER_INPUT). */
export function decodeCursor(cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^wallet:([1-9][0-9]{0,15})$/.exec(decoded);
  const sequence = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(sequence)) {
    throw new GraphQLError('Malformed cursor: pass back a PaymentEvent.cursor as `after`', {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return sequence;
}

/** The events after the cursor are no longer stored (older than the stream's retention). */
export const cursorExpiredError = () =>
  new GraphQLError('Cursor expired: the events after it are no longer stored; subscribe again without `after`', {
    extensions: { code: 'CURSOR_EXPIRED', argumentName: 'after' },
  });
