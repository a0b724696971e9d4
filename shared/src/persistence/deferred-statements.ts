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

/** Where a statement leaves the transaction: it starts it, ends it, or undoes part of it. */
type Edge = 'begin' | 'commit' | 'rollback' | 'rollback-to';
/** `ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name` is tried before `ROLLBACK`: it undoes part, ends nothing. */
const EDGE =
  /^\s*(?:(begin|start transaction)|(commit|end)|(rollback(?:\s+(?:work|transaction))?\s+to)|(abort|rollback))\b/i;
const edgeOf = (text: string): Edge | null => {
  const match = EDGE.exec(text);
  if (!match) return null;
  return match[1] ? 'begin' : match[2] ? 'commit' : match[3] ? 'rollback-to' : 'rollback';
};
/** A BEGIN still held: the server has not started this transaction, nothing to end or undo there. */
const beginHeld = (held: string[]) => held.length > 0 && edgeOf(held[0]!) === 'begin';
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
    const edge = edgeOf(text);
    if (edge && COMPOUND.test(text)) {
      // Sent whole (after what is held); where it leaves the transaction is not tracked, so hold nothing more.
      inTransaction = false;
      return sendAfterHeld(text);
    }
    switch (edge) {
      case 'begin':
        inTransaction = true;
        held.push(text);
        return Promise.resolve(heldResult('BEGIN'));
      case 'rollback-to':
        // Everything held was written after the savepoint (the SAVEPOINT statement took what was held
        // before it), so the rollback undoes it anyway; sent along, a failing one would stop the
        // ROLLBACK TO and leave the whole transaction aborted.
        held = held.slice(0, beginHeld(held) ? 1 : 0);
        return sendAfterHeld(text);
      case 'rollback':
        inTransaction = false;
        // What is held would be undone anyway; riding with the ROLLBACK, a failing one would stop the ROLLBACK too.
        if (beginHeld(held)) {
          held = [];
          return Promise.resolve(heldResult('ROLLBACK'));
        }
        held = [];
        return send(text);
      case 'commit':
        inTransaction = false;
        if (held.length === 1 && beginHeld(held)) {
          held = [];
          return Promise.resolve(heldResult('COMMIT'));
        }
        return sendAfterHeld(text, true);
    }
    if (inTransaction && text.startsWith(DEFERRED)) {
      held.push(text);
      return Promise.resolve(heldResult('DEFERRED'));
    }
    return sendAfterHeld(text);
  };

  /**
   * `text` as one message with what is held before it; resolves with `text`'s own result(s). A
   * COMMIT (`commits`) that PostgreSQL answers `ROLLBACK` — the transaction had failed; the server
   * says so without an error — is refused, or the caller would take it as committed (and, for
   * one, publish its events).
   */
  const sendAfterHeld = (text: string, commits = false): unknown => {
    const statements = held.length;
    if (statements === 0 && !commits) return send(text);
    const sent = send(statements === 0 ? text : `${takeHeld()};\n${text}`) as Promise<unknown>;
    return sent.then((results) => {
      // One result per statement: the caller gets its own (several, if its text had several).
      const own = statements === 0 ? results : (results as unknown[]).slice(statements);
      const result = Array.isArray(own) && own.length === 1 ? own[0] : own;
      if (commits && (result as { command?: string } | undefined)?.command === 'ROLLBACK') {
        throw new Error('COMMIT rolled back: an earlier statement of the transaction failed');
      }
      return result;
    });
  };

  const takeHeld = () => {
    const text = held.join(';\n');
    held = [];
    return text;
  };
}
