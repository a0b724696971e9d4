import type { SupergraphQuery } from './supergraph-selection.js';

/**
 * At most `max` of the subscriptions' supergraph queries in flight; the others wait their
 * turn in order. An event reaches every subscriber at once, and asking the subgraphs 200
 * questions at the same instant opened 200 connections to the wallet on the first event
 * and had them all compete for the same two cores; a bounded window keeps a few warm
 * connections busy instead, and answers the first viewers first.
 */
export function boundQueries(query: SupergraphQuery, max: number): SupergraphQuery {
  let running = 0;
  const waiting: (() => void)[] = [];
  // A freed slot passes straight to the next in line: decrementing and waking would let a
  // newcomer take it before the woken waiter runs (max + 1 in flight, out of order).
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (text, variables, context) => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await query(text, variables, context);
    } finally {
      release();
    }
  };
}
