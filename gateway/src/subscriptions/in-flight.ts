/**
 * Shares a computation among the callers asking the same key while it runs, and only then
 * (the entry goes when it settles, so nothing outlives the moment it was asked for). The
 * key has two parts, a short one (an event, a viewer) and a long one made once and kept (a
 * subscription's viewer and document, a query's text): a string hashes once and keeps its hash, so
 * the long part is not joined to the short one and hashed again for each of a thousand
 * subscribers on every event.
 */
export function shareInFlightByPair<T>(): (short: string, long: string, run: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Map<string, Promise<T>>>();
  return (short, long, run) => {
    let byLong = running.get(short);
    if (!byLong) running.set(short, (byLong = new Map()));
    let answer = byLong.get(long);
    if (!answer) {
      const entries = byLong;
      answer = run().finally(() => {
        entries.delete(long);
        if (entries.size === 0 && running.get(short) === entries) running.delete(short);
      });
      entries.set(long, answer);
    }
    return answer;
  };
}
