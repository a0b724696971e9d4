import type { SupergraphQuery } from './payment-updates.js';

/**
 * The same supergraph query for the same viewer, while one is in flight, is answered by
 * that one: a user's subscriptions on several devices or tabs get each event at the same
 * moment and would each ask the subgraphs the same question. Only in-flight answers are
 * shared — nothing is cached — so each event is still checked against the viewer's
 * rights as they are when it arrives.
 */
export function coalesceQueries(query: SupergraphQuery): SupergraphQuery {
  const inFlight = new Map<string, ReturnType<SupergraphQuery>>();
  return (text, variables, context) => {
    if (!context.identity) return query(text, variables, context);
    const key = JSON.stringify([context.identity.userId, context.identity.role, text, variables]);
    let answer = inFlight.get(key);
    if (!answer) {
      answer = query(text, variables, context).finally(() => inFlight.delete(key));
      inFlight.set(key, answer);
    }
    return answer;
  };
}
