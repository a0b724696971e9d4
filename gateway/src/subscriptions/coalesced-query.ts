import { shareInFlightByPair } from './in-flight.js';
import type { SupergraphQuery } from './supergraph-selection.js';

/**
 * The same supergraph query for the same viewer, while one is in flight, is answered by
 * that one: a user's subscriptions on several devices or tabs get each event at the same
 * moment and would each ask the subgraphs the same question. Only in-flight answers are
 * shared — nothing is cached — so each event is still checked against the viewer's
 * rights as they are when it arrives.
 */
export function coalesceQueries(query: SupergraphQuery): SupergraphQuery {
  const shared = shareInFlightByPair<Awaited<ReturnType<SupergraphQuery>>>();
  return (text, variables, context) => {
    if (!context.identity) return query(text, variables, context);
    // The text (a prepared selection's, the same string each time) keeps its hash; only the short part is built.
    const { userId, role } = context.identity;
    return shared(`${userId}|${role}|${JSON.stringify(variables)}`, text, () => query(text, variables, context));
  };
}
