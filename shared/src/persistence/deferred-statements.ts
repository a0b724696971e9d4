/**
 * Sends a transaction's `BEGIN`, and the statements marked {@link DEFERRED}, together with
 * the statement that follows them, in one message: one round trip instead of two or three.
 * pgjdbc and Npgsql send `BEGIN` this way; here the outbox's inserts ride along too, so a
 * use case that writes an event costs no round trip of its own (its insert goes out with
 * the `COMMIT`).
 *
 * Only statements whose outcome the caller does not read are held, and only inside a
 * transaction, where a `COMMIT` or `ROLLBACK` always follows: a held statement is sent
 * before anything else the transaction does, in order, and if it fails the statement it
 * rode with fails with its error (PostgreSQL runs a simple query's statements in order and
 * stops at the first error), so the transaction fails whole, as it would have anyway.
 */

/** Prefix of a statement that may wait for the next one (inside a transaction only). */
export const DEFERRED = '/* peerseed:deferred */';

/** What a held (or locally answered) statement returns at once (nobody reads it; the shape of a pg result). */
const heldResult = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

const BEGIN = /^\s*(begin|start transaction)\b/i;
/** `ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name`: undoes part of the transaction, does not end it. */
const ROLLBACK_TO = /^\s*rollback(\s+(work|transaction))?\s+to\b/i;
const END = /^\s*(commit|end|abort|rollback)\b/i;
const ROLLBACK = /^\s*(abort|rollback)\b/i;
/** More than one statement (a `;` with something after it): a `BEGIN; …; COMMIT` is no transaction's edge to hold. */
const COMPOUND = /;\s*\S/;

/** The part of a node-postgres client this needs. */
interface QueryClient {
  query(...args: unknown[]): unknown;
}

/** Holds `client`'s deferrable statements until its next one (see the file's comment). */
export function deferStatements(client: QueryClient): void {
  const send = client.query.bind(client) as (...args: unknown[]) => unknown;
  let held: string[] = [];
  // Only inside a transaction is a next statement certain (a held statement outside one could wait forever).
  let inTransaction = false;

  client.query = (...args: unknown[]) => {
    const [text, values, callback] = args;
    // The promise form with no parameters (the simple query protocol) is the one that can carry several statements.
    const simple =
      typeof text === 'string' &&
      callback === undefined &&
      (values === undefined || (Array.isArray(values) && values.length === 0));
    if (!simple) {
      // Parameters (the extended protocol) cannot share a message: what is held goes first, on its own.
      if (held.length === 0) return send(...args);
      const first = send(takeHeld()) as Promise<unknown>;
      const own = send(...args);
      if (callback !== undefined || !(own instanceof Promise)) {
        // (a callback or a cursor: a failure of the held statements shows as "current transaction is aborted")
        first.catch(() => undefined);
        return own;
      }
      // The held statements' failure is the caller's (it ran first; the caller's own statement was refused after it).
      return Promise.all([first, own]).then(([, result]) => result);
    }
    const begins = BEGIN.test(text);
    const rollsBackTo = !begins && ROLLBACK_TO.test(text);
    const ends = !begins && !rollsBackTo && END.test(text);
    if ((begins || ends || rollsBackTo) && COMPOUND.test(text)) {
      // Sent whole (after what is held); where it leaves the transaction is not tracked, so hold nothing more.
      inTransaction = false;
    } else if (begins) {
      inTransaction = true;
      held.push(text);
      return Promise.resolve(heldResult('BEGIN'));
    } else if (rollsBackTo) {
      // Everything held was written after the savepoint (the SAVEPOINT statement took what was held
      // before it), so the rollback undoes it anyway; sent along, a failing one would stop the
      // ROLLBACK TO and leave the whole transaction aborted.
      held = held.filter((statement) => BEGIN.test(statement));
    } else if (inTransaction && text.startsWith(DEFERRED)) {
      held.push(text);
      return Promise.resolve(heldResult('DEFERRED'));
    } else if (ends) {
      inTransaction = false;
      // A BEGIN still held: the server has not started this transaction, nothing to end there.
      const begunHere = held.length > 0 && BEGIN.test(held[0]!);
      if (ROLLBACK.test(text)) {
        // What is held would be undone anyway; riding with the ROLLBACK, a failing one would stop the ROLLBACK too.
        held = [];
        return begunHere ? Promise.resolve(heldResult('ROLLBACK')) : send(text);
      }
      if (begunHere && held.length === 1) {
        held = [];
        return Promise.resolve(heldResult('COMMIT'));
      }
      return refuseRolledBackCommit(sendAfterHeld(text));
    }
    return sendAfterHeld(text);
  };

  /** `text` as one message with what is held before it; resolves with `text`'s own result(s). */
  const sendAfterHeld = (text: string): unknown => {
    if (held.length === 0) return send(text);
    const statements = held.length;
    const combined = `${takeHeld()};\n${text}`;
    return (send(combined) as Promise<unknown>).then((results) => {
      // One result per statement: the caller gets its own (several, if its text had several).
      const own = (results as unknown[]).slice(statements);
      return own.length === 1 ? own[0] : own;
    });
  };

  /**
   * A COMMIT in a transaction that an error aborted answers `ROLLBACK`, without an error: the
   * caller would take its transaction as committed (and, for one, publish its events).
   */
  const refuseRolledBackCommit = (result: unknown): unknown =>
    result instanceof Promise
      ? result.then((own: { command?: string } | undefined) => {
          if (own?.command === 'ROLLBACK') {
            throw new Error('COMMIT rolled back: an earlier statement of the transaction failed');
          }
          return own;
        })
      : result;

  const takeHeld = () => {
    const text = held.join(';\n');
    held = [];
    return text;
  };
}
